using System.Collections.Frozen;
using System.Collections.Immutable;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using IncidentActors.Access;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>
/// Every gRPC method and who may call it, keyed by its path (<c>/package.Service/Method</c>). A method missing here is
/// refused to everyone, and a test fails for it.
/// </summary>
internal static class AccessTable
{
    public static readonly ImmutableArray<Role> Read = [Role.OrgAdmin, Role.UnitAdmin, Role.Commander, Role.Responder, Role.Observer, Role.Auditor];
    public static readonly ImmutableArray<Role> Respond = [Role.OrgAdmin, Role.UnitAdmin, Role.Commander, Role.Responder];
    public static readonly ImmutableArray<Role> Command = [Role.OrgAdmin, Role.UnitAdmin, Role.Commander];
    public static readonly ImmutableArray<Role> Admin = [Role.OrgAdmin, Role.UnitAdmin];
    public static readonly ImmutableArray<Role> OrgAdmin = [Role.OrgAdmin];
    public static readonly ImmutableArray<Role> Intake = [Role.OrgAdmin, Role.UnitAdmin, Role.Integration];
    public static readonly ImmutableArray<Role> Audit = [Role.OrgAdmin, Role.Auditor];
    public static readonly ImmutableArray<Role> CentralCommand = [Role.OrgAdmin, Role.Commander];
    public static readonly ImmutableArray<Role> CentralRead = [Role.OrgAdmin, Role.Commander, Role.Observer, Role.Auditor];

    public static readonly FrozenDictionary<string, AccessRule> Rules = Build().ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The HTTP endpoints by route, and who may call each; the endpoints check it themselves.</summary>
    public static readonly FrozenDictionary<string, string> HttpEndpoints = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/v1/webhooks/alertmanager/{serviceId}"] = "an integration key reaching the service, or a unit or org admin's token",
        ["/v1/events/enqueue"] = "the routing_key: an integration key of one service",
        ["/healthz"] = "anyone",
        ["/healthz/live"] = "anyone",
        ["/healthz/ready"] = "anyone",
        ["/metrics"] = "a person holding an organisation-wide org admin or auditor grant",
        ["/dev/token"] = "loopback callers, while the development issuer is enabled",
        ["/v1/webhooks/chat/{businessUnitId}"] = "a callback signed with the unit's chat secret, from a chat user it maps to a responder, who needs the equivalent method's rule",
        ["/status/{pageId}"] = "anyone for a public page; a person with a role in the page's unit for an internal one (bearer token or sign-in cookie)",
        ["/status/{pageId}/feed.atom"] = "as the page",
        ["/status/{pageId}/feed.json"] = "as the page",
        ["/status/signin"] = "anyone: takes a token and sets the sign-in cookie for internal pages",
        ["/status/signout"] = "anyone: clears the sign-in cookie",
        ["/status/assets/status.css"] = "anyone",
        ["/openapi/{documentName}.json"] = "any authenticated caller, as reflection (loopback callers too, in Development)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static AccessRule? For(string methodPath) => Rules.GetValueOrDefault(methodPath);

    private static Dictionary<string, AccessRule> Build()
    {
        var rules = new Dictionary<string, AccessRule>(StringComparer.Ordinal);

        var intake = V1.AlertIntake.Descriptor;
        Add(rules, intake, "SendAlert", Roles(Intake) with { ServicesOf = Services<V1.AlertEvent>(r => [r.ServiceId]) });
        Add(rules, intake, "SendAlertBatch", Roles(Intake) with { ServicesOf = Services<V1.AlertBatch>(r => r.Alerts.Select(a => a.ServiceId)) });

        var units = V1.BusinessUnits.Descriptor;
        Add(rules, units, "DefineBusinessUnit", InUnit<V1.BusinessUnit>(Admin, r => r.Id));
        Add(rules, units, "GetBusinessUnit", InUnit<V1.GetBusinessUnitRequest>(Read, r => r.Id));
        Add(rules, units, "PublishClassificationRules", InUnit<V1.PublishClassificationRulesRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, units, "GetClassificationRules", InUnit<V1.GetClassificationRulesRequest>(Read, r => r.BusinessUnitId));

        var command = V1.Command.Descriptor;
        foreach (var method in new[] { "OpenEvent", "AttachIncident", "HandBackIncident", "DecideEventSeverity", "PublishEventUpdate", "CloseEvent", "AcceptEventProposal" })
        {
            Add(rules, command, method, Roles(CentralCommand) with { OrgWide = true });
        }
        Add(rules, command, "GetEvent", Roles(CentralRead) with { OrgWide = true });
        Add(rules, command, "ListEventProposals", Roles(CentralRead) with { OrgWide = true });
        // The incident checks that the caller is the commander it offered command to.
        Add(rules, command, "AcceptCommandHandover", Roles(Respond));
        Add(rules, command, "DraftEventUpdate", Roles(CentralCommand) with { OrgWide = true });
        Add(rules, command, "PublishApprovedEventUpdate", Roles(CentralCommand) with { OrgWide = true });
        // The event checks central command's approvers (IncidentActors:Command:Approvers), who may hold no more than an observer's role.
        Add(rules, command, "ApproveEventUpdate", Roles(CentralRead) with { OrgWide = true });
        Add(rules, command, "FollowTheSun", Roles(CentralCommand) with { OrgWide = true });
        // The event checks that the caller is the person it offered central command to, who may hold no more than an observer's role.
        Add(rules, command, "AcceptCentralCommand", Roles(CentralRead) with { OrgWide = true });

        var policies = V1.EscalationPolicies.Descriptor;
        Add(rules, policies, "DefinePolicy", Roles(OrgAdmin) with { OrgWide = true });
        Add(rules, policies, "GetPolicy", Roles(Read));

        var incidents = V1.Incidents.Descriptor;
        Add(rules, incidents, "GetIncident", Roles(Read));
        Add(rules, incidents, "ListIncidents", InUnit<V1.ListIncidentsRequest>(Read, r => r.BusinessUnitId));
        Add(rules, incidents, "WatchIncidents", InUnit<V1.WatchIncidentsRequest>(Read, r => r.BusinessUnitId));
        foreach (var method in new[]
                 {
                     "AcknowledgeIncident", "ResolveIncident", "EscalateIncident", "SkipToLevel", "ReassignIncident", "AcceptHandover",
                     "TransitionIncident", "AssessImpact", "TagIncident", "JoinBridge", "VerifyRestoration", "ConfirmRestoration",
                     "RecordResolution", "LinkItem", "UnlinkItem", "CompleteLinkedItem", "RecordTemporaryFix", "MakeFixPermanent", "AddNote", "CreateIncident",
                 })
        {
            Add(rules, incidents, method, Roles(Respond));
        }
        foreach (var method in new[] { "AssignRole", "ReleaseRole", "DeclareMajorIncident", "DeescalateMajorIncident", "ReviewClosure", "InviteVendor", "RestrictIncident", "CorrectMilestone" })
        {
            Add(rules, incidents, method, Roles(Command));
        }

        // Reviews belong to their incident's unit, checked where the review lives; policy, search and counts name the unit.
        var reviews = V1.Reviews.Descriptor;
        Add(rules, reviews, "SetReviewPolicy", InUnit<V1.SetReviewPolicyRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, reviews, "GetReviewPolicy", InUnit<V1.GetReviewPolicyRequest>(Read, r => r.BusinessUnitId));
        Add(rules, reviews, "ListPublishedReviews", InUnit<V1.ListPublishedReviewsRequest>(Read, r => r.BusinessUnitId));
        Add(rules, reviews, "GetReviewTimeliness", InUnit<V1.GetReviewTimelinessRequest>(Read, r => r.BusinessUnitId));
        Add(rules, reviews, "GetReview", Roles(Read));
        foreach (var method in new[] { "RecordAttendance", "UpdateReviewContent", "EditReconstruction", "SubmitReview", "AddActionItem",
                     "RecordActionItemVerification", "LinkActionItemToTracker" })
        {
            Add(rules, reviews, method, Roles(Respond));
        }
        foreach (var method in new[] { "RequestReview", "AssignReviewOwner", "PublishReview", "MarkActionItemEffective" })
        {
            Add(rules, reviews, method, Roles(Command));
        }

        // Templates belong to the unit named; updates to their incident's unit, checked where the incident lives, which
        // also checks the incident role (communications lead), approvers and spokespersons the unit's policy names.
        var communications = V1.Communications.Descriptor;
        Add(rules, communications, "PublishTemplates", InUnit<V1.PublishTemplatesRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, communications, "GetTemplates", InUnit<V1.GetTemplatesRequest>(Read, r => r.BusinessUnitId));
        Add(rules, communications, "PreviewUpdate", Roles(Respond));
        Add(rules, communications, "DraftUpdate", Roles(Respond));
        // Legal, PR and spokespersons may hold no more than an observer's role; the incident checks the unit's lists.
        foreach (var method in new[] { "ApproveUpdate", "PublishUpdate", "ConfirmUpdateRead", "GetCommunicationsLog" })
        {
            Add(rules, communications, method, Roles(Read));
        }
        Add(rules, communications, "ClearDisclosure", Roles(Command));
        // The incident checks the lead (internal audiences) or the unit's spokespersons (external ones), as for publishing.
        Add(rules, communications, "EditPublishedUpdate", Roles(Read));
        // The incident checks that the caller is its communications lead (else commander), as for drafting.
        Add(rules, communications, "AddLocalAddition", Roles(Respond));

        // A unit's subscribers name outside people and addresses: its admins alone define, remove and read them.
        var subscribers = V1.Subscribers.Descriptor;
        Add(rules, subscribers, "DefineSubscriber", InUnit<V1.DefineSubscriberRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, subscribers, "RemoveSubscriber", InUnit<V1.RemoveSubscriberRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, subscribers, "ListSubscribers", InUnit<V1.ListSubscribersRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, subscribers, "ListSubscriberDeliveries", InUnit<V1.ListSubscriberDeliveriesRequest>(Admin, r => r.BusinessUnitId));
        // Regulatory reports: the incident checks the clock's owners and the unit's approvers, who may be observers.
        foreach (var method in new[] { "ApproveRegulatoryReport", "SubmitRegulatoryReport", "AcknowledgeRegulatoryReport", "GetRegulatoryClocks" })
        {
            Add(rules, communications, method, Roles(Read));
        }

        var onCall = V1.OnCall.Descriptor;
        Add(rules, onCall, "DefineRotation", Roles(OrgAdmin) with { OrgWide = true });
        foreach (var method in new[] { "GetRotation", "WhoIsOnCall", "ListShifts" })
        {
            Add(rules, onCall, method, Roles(Read));
        }

        // A person's contacts and pages are theirs; org admins manage everyone's.
        var responders = V1.Responders.Descriptor;
        Add(rules, responders, "DefineResponder", Roles(OrgAdmin) with { OrgWide = true, SelfOf = Self<V1.Responder>(r => r.Id) });
        Add(rules, responders, "GetResponder", Roles(OrgAdmin) with { OrgWide = true, SelfOf = Self<V1.GetResponderRequest>(r => r.Id) });
        Add(rules, responders, "ListNotifications", Roles(OrgAdmin) with { OrgWide = true, SelfOf = Self<V1.ListNotificationsRequest>(r => r.ResponderId) });
        Add(rules, responders, "WatchPages", Roles(OrgAdmin) with { OrgWide = true, SelfOf = Self<V1.WatchPagesRequest>(r => r.ResponderId) });
        // Only the person receiving a page can say it arrived: no role stands in for them.
        Add(rules, responders, "AcknowledgePageDelivery", Roles([]) with { SelfOf = Self<V1.AcknowledgePageDeliveryRequest>(r => r.ResponderId) });

        var catalog = V1.ServiceCatalog.Descriptor;
        Add(rules, catalog, "RegisterService", InUnit<V1.RegisterServiceRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, catalog, "GetService", Roles(Read));
        Add(rules, catalog, "ScheduleMaintenance", Roles(Command));
        Add(rules, catalog, "EndMaintenance", Roles(Command));
        Add(rules, catalog, "OverrideChangeFreeze", Roles(Command));
        Add(rules, catalog, "MonitorHeartbeat", Roles(Admin));
        Add(rules, catalog, "SendHeartbeat", Roles(Intake) with { ServicesOf = Services<V1.SendHeartbeatRequest>(r => [r.ServiceId]) });
        // As GetService: a listing of every unit holds only the units where the caller may read.
        Add(rules, catalog, "ListServices", InUnit<V1.ListServicesRequest>(Read, r => r.BusinessUnitId));

        var vendors = V1.Vendors.Descriptor;
        Add(rules, vendors, "RegisterVendor", Roles(OrgAdmin) with { OrgWide = true });
        Add(rules, vendors, "GetVendor", Roles(Read));
        foreach (var method in V1.VendorPortal.Descriptor.Methods)
        {
            Add(rules, V1.VendorPortal.Descriptor, method.Name, new AccessRule(CallerKind.VendorKey, [Role.Vendor]));
        }

        var access = V1.Access.Descriptor;
        Add(rules, access, "WhoAmI", new AccessRule(CallerKind.AnyPrincipal, []));
        // An empty unit grants organisation-wide, which only organisation-wide admins may.
        Add(rules, access, "GrantRole", InUnit<V1.RoleGrantRequest>(Admin, r => r.Grant?.BusinessUnitId is { Length: > 0 } unit ? unit : OrgWideMarker));
        Add(rules, access, "RevokeRole", InUnit<V1.RoleGrantRequest>(Admin, r => r.Grant?.BusinessUnitId is { Length: > 0 } unit ? unit : OrgWideMarker));
        Add(rules, access, "GetGrants", Roles(Audit) with { OrgWide = true, SelfOf = Self<V1.GetGrantsRequest>(r => r.PrincipalId) });
        Add(rules, access, "ListUnitGrants", InUnit<V1.ListUnitGrantsRequest>([Role.OrgAdmin, Role.UnitAdmin, Role.Auditor], r => r.BusinessUnitId));
        Add(rules, access, "IssueIntegrationKey", InUnit<V1.IssueIntegrationKeyRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, access, "RotateIntegrationKey", Roles(Admin));
        Add(rules, access, "RevokeIntegrationKey", Roles(Admin));
        Add(rules, access, "ListIntegrationKeys", InUnit<V1.ListIntegrationKeysRequest>(Admin, r => r.BusinessUnitId));

        Add(rules, V1.Audit.Descriptor, "VerifyTimeline", Roles(Audit));
        Add(rules, V1.Audit.Descriptor, "ExportIncident", Roles([Role.OrgAdmin, Role.UnitAdmin, Role.Commander, Role.Auditor]));
        Add(rules, V1.Audit.Descriptor, "GetArchivedIncident", Roles(Audit));
        // Auditors preserve evidence; lifting that protection is an admin's decision.
        Add(rules, V1.Audit.Descriptor, "PlaceLegalHold", InUnit<V1.PlaceLegalHoldRequest>([Role.OrgAdmin, Role.UnitAdmin, Role.Auditor], r => r.BusinessUnitId));
        Add(rules, V1.Audit.Descriptor, "ReleaseLegalHold", InUnit<V1.ReleaseLegalHoldRequest>(Admin, r => r.BusinessUnitId));
        // An empty unit reads the organisation-wide log, which only organisation-wide auditors may.
        Add(rules, V1.Audit.Descriptor, "ListAuditEntries", InUnit<V1.ListAuditEntriesRequest>([Role.OrgAdmin, Role.Auditor],
            r => r.BusinessUnitId is { Length: > 0 } unit ? unit : OrgWideMarker));

        var metrics = V1.Metrics.Descriptor;
        Add(rules, metrics, "QueryMetrics", InUnit<V1.QueryMetricsRequest>(Read, r => r.BusinessUnitId));
        Add(rules, metrics, "ListGovernanceItems", InUnit<V1.ListGovernanceItemsRequest>(Admin, r => r.BusinessUnitId));

        // A unit's chat settings hold who is who in its chat tool and where its war rooms open: its admins'.
        var chat = V1.ChatOps.Descriptor;
        Add(rules, chat, "SetWarRoomWebhook", InUnit<V1.SetWarRoomWebhookRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, chat, "SetChatIntegration", InUnit<V1.SetChatIntegrationRequest>(Admin, r => r.BusinessUnitId));
        Add(rules, chat, "GetChatSettings", InUnit<V1.GetChatSettingsRequest>(Admin, r => r.BusinessUnitId));
        // A page belongs to the unit named; an existing page's own unit is checked where it lives.
        var statusPages = V1.StatusPages.Descriptor;
        Add(rules, statusPages, "DefineStatusPage", InUnit<V1.StatusPage>(Admin, r => r.BusinessUnitId));
        Add(rules, statusPages, "GetStatusPage", Roles(Read));
        // A unit's runbooks belong to the unit named; a run to its incident's unit, checked where the run lives, which also
        // checks that an approver or whoever resets a breaker is a person, and that an approver did not start the run.
        var runbooks = V1.Runbooks.Descriptor;
        Add(rules, runbooks, "DefineRunbook", InUnit<V1.DefineRunbookRequest>(Admin, r => r.Runbook?.BusinessUnitId));
        Add(rules, runbooks, "GetRunbook", InUnit<V1.GetRunbookRequest>(Read, r => r.BusinessUnitId));
        Add(rules, runbooks, "ListRunbooks", InUnit<V1.ListRunbooksRequest>(Read, r => r.BusinessUnitId));
        Add(rules, runbooks, "GetRunbookExecution", Roles(Read));
        Add(rules, runbooks, "StartRunbook", Roles(Respond));
        Add(rules, runbooks, "CompleteManualStep", Roles(Respond));
        foreach (var method in new[] { "ApproveStep", "RollbackExecution", "ResetBreaker" })
        {
            Add(rules, runbooks, method, Roles(Command));
        }

        // Describing the API tells nothing about the data, but still only to those who may use it.
        foreach (var reflection in new[] { Grpc.Reflection.V1Alpha.ServerReflection.Descriptor, Grpc.Reflection.V1.ServerReflection.Descriptor })
        {
            foreach (var method in reflection.Methods)
            {
                Add(rules, reflection, method.Name, new AccessRule(CallerKind.AnyPrincipal, []));
            }
        }
        foreach (var method in Grpc.Health.V1.Health.Descriptor.Methods)
        {
            Add(rules, Grpc.Health.V1.Health.Descriptor, method.Name, new AccessRule(CallerKind.Anonymous, []));
        }
        return rules;
    }

    private static void Add(Dictionary<string, AccessRule> rules, ServiceDescriptor service, string method, AccessRule rule)
    {
        var found = service.FindMethodByName(method) ?? throw new InvalidOperationException($"{service.FullName} has no method {method}.");
        rules.Add($"/{service.FullName}/{found.Name}", rule);
    }

    private static AccessRule Roles(ImmutableArray<Role> roles) => new(CallerKind.Principal, roles);

    private static AccessRule InUnit<T>(ImmutableArray<Role> roles, Func<T, string?> unit) where T : IMessage =>
        new(CallerKind.Principal, roles) { UnitOf = request => unit((T)request) };

    private static Func<object, IEnumerable<string>> Services<T>(Func<T, IEnumerable<string>> services) where T : IMessage =>
        request => services((T)request);

    private static Func<object, string?> Self<T>(Func<T, string> self) where T : IMessage => request => self((T)request);

    /// <summary>Never a unit id (ids have no leading blank), so that only organisation-wide grants cover it.</summary>
    private const string OrgWideMarker = " organisation";
}
