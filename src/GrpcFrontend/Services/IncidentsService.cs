using System.Collections.Immutable;
using Grpc.Core;
using IncidentActors.Access;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Services;
using Microsoft.Extensions.Options;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class IncidentsService(
    IGrainFactory grains,
    ObserverSubscriptions subscriptions,
    PrincipalResolver principals,
    IOptions<AuthOptions> auth,
    TimeProvider clock) : Api.V1.Incidents.IncidentsBase
{
    public override async Task<Incident> GetIncident(GetIncidentRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).Get(context.CancellationToken));

    public override async Task<ListIncidentsResponse> ListIncidents(ListIncidentsRequest request, ServerCallContext context)
    {
        var query = new IncidentQuery(
            WireMapping.Optional(request.ServiceId),
            WireMapping.ToDomain(request.Status),
            request.PageSize,
            PageTokens.Decode(request.PageToken),
            request.IncludeArchived);
        var page = await grains.GetGrain<IIncidentSearchGrain>(0)
            .Search(WireMapping.Optional(request.BusinessUnitId), query, context.CancellationToken);
        var response = new ListIncidentsResponse { NextPageToken = PageTokens.Encode(page.Next) };
        response.Incidents.AddRange(page.Incidents.Select(i => WireMapping.ToWire(i)));
        return response;
    }

    public override async Task<Incident> AcknowledgeIncident(AcknowledgeIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).Acknowledge(action, context.CancellationToken));
    }

    public override async Task<Incident> ResolveIncident(ResolveIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).Resolve(action, context.CancellationToken));
    }

    public override async Task WatchIncidents(WatchIncidentsRequest request, IServerStreamWriter<Api.V1.IncidentEvent> responseStream, ServerCallContext context)
    {
        var businessUnitId = WireMapping.Optional(request.BusinessUnitId);
        var serviceId = WireMapping.Optional(request.ServiceId);
        var caller = AccessInterceptor.Caller(context);
        var grantsCheckedAt = clock.GetUtcNow();
        // The feed carries every unit's changes: this stream passes on only those of units the caller may read.
        bool Readable(IncidentActors.Incidents.IncidentEvent change) =>
            caller.Holds(AccessTable.Read, change.Incident.BusinessUnitId) && caller.MaySee(change.Incident.BusinessUnitId, change.Incident.RestrictedTo);
        var observer = new IncidentChangeObserver(change =>
            (businessUnitId is null || change.Incident.BusinessUnitId == businessUnitId)
            && (serviceId is null || change.Incident.ServiceId == serviceId)
            && Readable(change));
        var feed = grains.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global);
        await using var subscription = await subscriptions.SubscribeAsync<IIncidentObserver, IncidentActors.Incidents.IncidentEvent>(
            observer, observer.Changes.Reader, feed.Subscribe, r => feed.Unsubscribe(r), context.CancellationToken);
        // Headers go out once the subscription is live, so a caller that awaits them misses no change made after.
        await context.WriteResponseHeadersAsync([]);
        await foreach (var change in subscription.Items.ReadAllAsync(context.CancellationToken))
        {
            // Grants revoked, or groups left, while the stream is open end what it may carry.
            if (clock.GetUtcNow() - grantsCheckedAt >= auth.Value.StreamGrantsRefresh)
            {
                caller = await principals.ResolveAsync(context.GetHttpContext().User, context.CancellationToken) ?? caller;
                grantsCheckedAt = clock.GetUtcNow();
                if (!caller.HoldsAnywhere(AccessTable.Read))
                {
                    throw new RpcException(new Status(StatusCode.PermissionDenied, $"{caller.Id} no longer holds a role that reads incidents."));
                }
                if (!Readable(change))
                {
                    continue;
                }
            }
            await responseStream.WriteAsync(WireMapping.ToWire(change), context.CancellationToken);
        }
    }

    public override async Task<Incident> EscalateIncident(EscalateIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).EscalateNow(action, context.CancellationToken));
    }

    public override async Task<Incident> SkipToLevel(SkipToLevelRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).SkipToLevel(request.Level, action, context.CancellationToken));
    }

    public override async Task<Incident> ReassignIncident(ReassignIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).Reassign(request.AssigneeId, action, context.CancellationToken));
    }

    public override async Task<Incident> AcceptHandover(AcceptHandoverRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).AcceptHandover(action, context.CancellationToken));
    }

    public override async Task<Incident> TransitionIncident(TransitionIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).Transition(RequestIds.Require("state", request.State), action, context.CancellationToken));
    }

    public override async Task<Incident> AssessImpact(AssessImpactRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        var impact = BusinessUnitWireMapping.ToDomain(request.Impact);
        var urgency = BusinessUnitWireMapping.ToDomain(request.Urgency);
        return WireMapping.ToWire(await Incident(request.Id).AssessImpact(impact, urgency, action, context.CancellationToken));
    }

    public override async Task<Incident> TagIncident(TagIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).TagRegulatory([.. request.Tags], action, context.CancellationToken));
    }

    public override async Task<Incident> AssignRole(AssignRoleRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        var role = BusinessUnitWireMapping.ToDomain(request.Role);
        return WireMapping.ToWire(await Incident(request.Id).AssignRole(role, request.AssigneeId, action, context.CancellationToken));
    }

    public override async Task<Incident> ReleaseRole(ReleaseRoleRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).ReleaseRole(BusinessUnitWireMapping.ToDomain(request.Role), action, context.CancellationToken));
    }

    public override async Task<Incident> DeclareMajorIncident(DeclareMajorIncidentRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).DeclareMajor(CommandWireMapping.ToDomain(request.Criterion),
            WireMapping.Optional(request.Bridge), action, context.CancellationToken));
    }

    public override async Task<Incident> JoinBridge(IncidentActionRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).JoinBridge(Action(request, context), context.CancellationToken));

    public override async Task<Incident> VerifyRestoration(VerifyRestorationRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).VerifyRestoration(CommandWireMapping.ToDomain(request.Evidence), request.Detail,
            action, context.CancellationToken));
    }

    public override async Task<Incident> ConfirmRestoration(IncidentActionRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).ConfirmRestoration(Action(request, context), context.CancellationToken));

    public override async Task<Incident> DeescalateMajorIncident(IncidentActionRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).Deescalate(Action(request, context), context.CancellationToken));

    public override async Task<Incident> RecordResolution(RecordResolutionRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).RecordResolution(request.ActionsTaken, request.ToolsUsed, request.ConfigurationChanges,
            new ResponderAction(AccessInterceptor.Caller(context).Id, null), context.CancellationToken));

    public override async Task<Incident> ReviewClosure(IncidentActionRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).ReviewClosure(Action(request, context), context.CancellationToken));

    public override async Task<Incident> LinkItem(LinkItemRequest request, ServerCallContext context)
    {
        var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
        return WireMapping.ToWire(await Incident(request.Id).LinkItem(LinkWireMapping.ToDomain(request.Kind), request.Reference,
            WireMapping.Optional(request.Title), action, context.CancellationToken));
    }

    public override async Task<Incident> UnlinkItem(LinkedItemRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).UnlinkItem(LinkWireMapping.ToDomain(request.Kind), request.Reference,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> CompleteLinkedItem(LinkedItemRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).CompleteLinkedItem(LinkWireMapping.ToDomain(request.Kind), request.Reference,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> RecordTemporaryFix(RecordTemporaryFixRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).RecordTemporaryFix(request.Description, request.ExpiresAt?.ToDateTimeOffset() ?? default,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> MakeFixPermanent(MakeFixPermanentRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).MakeFixPermanent(request.Number, request.PermanentFix,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> RestrictIncident(RestrictIncidentRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).Restrict([.. request.Groups],
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> InviteVendor(InviteVendorRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).InviteVendor(request.VendorId,
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> CorrectMilestone(CorrectMilestoneRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).CorrectMilestone(WireMapping.ToDomain(request.Milestone), WireMapping.Require("at", request.At),
            new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note)), context.CancellationToken));

    public override async Task<Incident> CreateIncident(CreateIncidentRequest request, ServerCallContext context)
    {
        var service = grains.GetGrain<IServiceGrain>(RequestIds.Require("service_id", request.ServiceId));
        var outcome = await service.Ingest(Report(request, AccessInterceptor.Caller(context).Id), context.CancellationToken);
        return WireMapping.ToWire(await Incident(outcome.IncidentId!).Get(context.CancellationToken));
    }

    /// <summary>A report is an alert of the person who made it, with a dedup key of its own: it always opens an incident.</summary>
    private static Alerts.AlertEvent Report(CreateIncidentRequest request, string reporter) => new(
        request.ServiceId,
        Alerts.AlertAction.Trigger,
        $"report-{Guid.NewGuid():N}",
        request.Title.Length == 0 ? throw new InvalidRequestException("title", "is required.") : request.Title,
        reporter,
        request.Severity == Api.V1.IncidentSeverity.Unspecified
            ? throw new InvalidRequestException("severity", "is required: SEV1 to SEV4.")
            : (Alerts.AlertSeverity)((int)request.Severity - 1),
        null,
        request.Description.Length == 0
            ? ImmutableSortedDictionary<string, string>.Empty
            : ImmutableSortedDictionary<string, string>.Empty.Add("description", request.Description),
        Alerts.AlertEvent.ReportedByPerson,
        StartedAt: request.DetectedAt?.ToDateTimeOffset(),
        Drill: request.Drill);

    public override async Task<Incident> AddNote(AddNoteRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Incident(request.Id).AddNote(request.Text, new ResponderAction(AccessInterceptor.Caller(context).Id, null),
            context.CancellationToken));

    private static ResponderAction Action(IncidentActionRequest request, ServerCallContext context) => new(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));

    private IIncidentGrain Incident(string id) => grains.GetGrain<IIncidentGrain>(RequestIds.Require("id", id));
}
