using Google.Protobuf.WellKnownTypes;
using IncidentActors.Errors;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps wire messages to domain records and back; no domain rules here.</summary>
internal static class WireMapping
{
    public static Domain.Alerts.AlertSeverity ToDomain(V1.AlertSeverity severity, string field) => severity switch
    {
        V1.AlertSeverity.Critical => Domain.Alerts.AlertSeverity.Critical,
        V1.AlertSeverity.Error => Domain.Alerts.AlertSeverity.Error,
        V1.AlertSeverity.Warning => Domain.Alerts.AlertSeverity.Warning,
        V1.AlertSeverity.Info => Domain.Alerts.AlertSeverity.Info,
        _ => throw new InvalidRequestException(field, "must be one of CRITICAL, ERROR, WARNING, INFO."),
    };

    public static Domain.Alerts.AlertAction ToDomain(V1.AlertAction action) => action switch
    {
        V1.AlertAction.Trigger => Domain.Alerts.AlertAction.Trigger,
        V1.AlertAction.Acknowledge => Domain.Alerts.AlertAction.Acknowledge,
        V1.AlertAction.Resolve => Domain.Alerts.AlertAction.Resolve,
        _ => throw new InvalidRequestException("action", "must be one of TRIGGER, ACKNOWLEDGE, RESOLVE."),
    };

    public static Domain.Incidents.IncidentStatus? ToDomain(V1.IncidentStatus status) => status switch
    {
        V1.IncidentStatus.Unspecified => null,
        V1.IncidentStatus.Triggered => Domain.Incidents.IncidentStatus.Triggered,
        V1.IncidentStatus.Acknowledged => Domain.Incidents.IncidentStatus.Acknowledged,
        V1.IncidentStatus.Resolved => Domain.Incidents.IncidentStatus.Resolved,
        _ => throw new InvalidRequestException("status", $"{(int)status} is not an incident status."),
    };

    public static V1.AlertSeverity ToWire(Domain.Alerts.AlertSeverity severity) => severity switch
    {
        Domain.Alerts.AlertSeverity.Critical => V1.AlertSeverity.Critical,
        Domain.Alerts.AlertSeverity.Error => V1.AlertSeverity.Error,
        Domain.Alerts.AlertSeverity.Warning => V1.AlertSeverity.Warning,
        _ => V1.AlertSeverity.Info,
    };

    public static V1.IncidentStatus ToWire(Domain.Incidents.IncidentStatus status) => status switch
    {
        Domain.Incidents.IncidentStatus.Triggered => V1.IncidentStatus.Triggered,
        Domain.Incidents.IncidentStatus.Acknowledged => V1.IncidentStatus.Acknowledged,
        _ => V1.IncidentStatus.Resolved,
    };

    public static V1.TimelineEntryKind ToWire(Domain.Incidents.TimelineEntryKind kind) => kind switch
    {
        Domain.Incidents.TimelineEntryKind.Opened => V1.TimelineEntryKind.Opened,
        Domain.Incidents.TimelineEntryKind.Acknowledged => V1.TimelineEntryKind.Acknowledged,
        Domain.Incidents.TimelineEntryKind.Resolved => V1.TimelineEntryKind.Resolved,
        Domain.Incidents.TimelineEntryKind.AlertReceived => V1.TimelineEntryKind.AlertReceived,
        Domain.Incidents.TimelineEntryKind.Paged => V1.TimelineEntryKind.Paged,
        Domain.Incidents.TimelineEntryKind.Escalated => V1.TimelineEntryKind.Escalated,
        Domain.Incidents.TimelineEntryKind.EscalationExhausted => V1.TimelineEntryKind.EscalationExhausted,
        Domain.Incidents.TimelineEntryKind.Reassigned => V1.TimelineEntryKind.Reassigned,
        Domain.Incidents.TimelineEntryKind.HandedOver => V1.TimelineEntryKind.HandedOver,
        Domain.Incidents.TimelineEntryKind.StateChanged => V1.TimelineEntryKind.StateChanged,
        Domain.Incidents.TimelineEntryKind.ImpactAssessed => V1.TimelineEntryKind.ImpactAssessed,
        Domain.Incidents.TimelineEntryKind.RegulatoryTagged => V1.TimelineEntryKind.RegulatoryTagged,
        Domain.Incidents.TimelineEntryKind.RoleAssigned => V1.TimelineEntryKind.RoleAssigned,
        Domain.Incidents.TimelineEntryKind.RoleReleased => V1.TimelineEntryKind.RoleReleased,
        Domain.Incidents.TimelineEntryKind.TimeLimitMissed => V1.TimelineEntryKind.TimeLimitMissed,
        Domain.Incidents.TimelineEntryKind.MajorDeclared => V1.TimelineEntryKind.MajorDeclared,
        Domain.Incidents.TimelineEntryKind.BridgeJoined => V1.TimelineEntryKind.BridgeJoined,
        Domain.Incidents.TimelineEntryKind.RestorationVerified => V1.TimelineEntryKind.RestorationVerified,
        Domain.Incidents.TimelineEntryKind.RestorationConfirmed => V1.TimelineEntryKind.RestorationConfirmed,
        Domain.Incidents.TimelineEntryKind.MajorDeescalated => V1.TimelineEntryKind.MajorDeescalated,
        Domain.Incidents.TimelineEntryKind.CentralCommandTaken => V1.TimelineEntryKind.CentralCommandTaken,
        Domain.Incidents.TimelineEntryKind.HandedBackToLocalCommand => V1.TimelineEntryKind.HandedBackToLocalCommand,
        Domain.Incidents.TimelineEntryKind.CentralDecision => V1.TimelineEntryKind.CentralDecision,
        Domain.Incidents.TimelineEntryKind.EventClosed => V1.TimelineEntryKind.EventClosed,
        Domain.Incidents.TimelineEntryKind.ResolutionRecorded => V1.TimelineEntryKind.ResolutionRecorded,
        Domain.Incidents.TimelineEntryKind.ClosureReviewed => V1.TimelineEntryKind.ClosureReviewed,
        Domain.Incidents.TimelineEntryKind.ChangesFrozen => V1.TimelineEntryKind.ChangesFrozen,
        Domain.Incidents.TimelineEntryKind.ItemLinked => V1.TimelineEntryKind.ItemLinked,
        Domain.Incidents.TimelineEntryKind.ItemUnlinked => V1.TimelineEntryKind.ItemUnlinked,
        Domain.Incidents.TimelineEntryKind.LinkedItemDone => V1.TimelineEntryKind.LinkedItemDone,
        Domain.Incidents.TimelineEntryKind.TemporaryFixRecorded => V1.TimelineEntryKind.TemporaryFixRecorded,
        Domain.Incidents.TimelineEntryKind.TemporaryFixMadePermanent => V1.TimelineEntryKind.TemporaryFixMadePermanent,
        Domain.Incidents.TimelineEntryKind.TemporaryFixExpired => V1.TimelineEntryKind.TemporaryFixExpired,
        Domain.Incidents.TimelineEntryKind.VendorInvited => V1.TimelineEntryKind.VendorInvited,
        Domain.Incidents.TimelineEntryKind.VendorResponded => V1.TimelineEntryKind.VendorResponded,
        Domain.Incidents.TimelineEntryKind.VendorResponseBreached => V1.TimelineEntryKind.VendorResponseBreached,
        Domain.Incidents.TimelineEntryKind.AccessRestricted => V1.TimelineEntryKind.AccessRestricted,
        Domain.Incidents.TimelineEntryKind.LegalHoldPlaced => V1.TimelineEntryKind.LegalHoldPlaced,
        Domain.Incidents.TimelineEntryKind.LegalHoldReleased => V1.TimelineEntryKind.LegalHoldReleased,
        Domain.Incidents.TimelineEntryKind.Archived => V1.TimelineEntryKind.Archived,
        Domain.Incidents.TimelineEntryKind.NoteAdded => V1.TimelineEntryKind.NoteAdded,
        Domain.Incidents.TimelineEntryKind.ReviewScheduled => V1.TimelineEntryKind.ReviewScheduled,
        Domain.Incidents.TimelineEntryKind.ReviewPublished => V1.TimelineEntryKind.ReviewPublished,
        Domain.Incidents.TimelineEntryKind.ReviewOverdue => V1.TimelineEntryKind.ReviewOverdue,
        Domain.Incidents.TimelineEntryKind.ActionItemReopened => V1.TimelineEntryKind.ActionItemReopened,
        Domain.Incidents.TimelineEntryKind.MilestoneCorrected => V1.TimelineEntryKind.MilestoneCorrected,
        Domain.Incidents.TimelineEntryKind.SymptomAttached => V1.TimelineEntryKind.SymptomAttached,
        Domain.Incidents.TimelineEntryKind.Classified => V1.TimelineEntryKind.Classified,
        Domain.Incidents.TimelineEntryKind.AlertsCounted => V1.TimelineEntryKind.AlertsCounted,
        Domain.Incidents.TimelineEntryKind.UpdateDrafted => V1.TimelineEntryKind.UpdateDrafted,
        Domain.Incidents.TimelineEntryKind.UpdateApproved => V1.TimelineEntryKind.UpdateApproved,
        Domain.Incidents.TimelineEntryKind.UpdatePublished => V1.TimelineEntryKind.UpdatePublished,
        Domain.Incidents.TimelineEntryKind.UpdateRead => V1.TimelineEntryKind.UpdateRead,
        Domain.Incidents.TimelineEntryKind.DisclosureCleared => V1.TimelineEntryKind.DisclosureCleared,
        Domain.Incidents.TimelineEntryKind.UpdateOverdue => V1.TimelineEntryKind.UpdateOverdue,
        Domain.Incidents.TimelineEntryKind.UpdateOverdueEscalated => V1.TimelineEntryKind.UpdateOverdueEscalated,
        Domain.Incidents.TimelineEntryKind.CommandHandoverProposed => V1.TimelineEntryKind.CommandHandoverProposed,
        Domain.Incidents.TimelineEntryKind.CommandHandoverAccepted => V1.TimelineEntryKind.CommandHandoverAccepted,
        Domain.Incidents.TimelineEntryKind.CommandHandoverEscalated => V1.TimelineEntryKind.CommandHandoverEscalated,
        Domain.Incidents.TimelineEntryKind.UpdateEdited => V1.TimelineEntryKind.UpdateEdited,
        Domain.Incidents.TimelineEntryKind.UpdateReadReminded => V1.TimelineEntryKind.UpdateReadReminded,
        Domain.Incidents.TimelineEntryKind.UpdateReadEscalated => V1.TimelineEntryKind.UpdateReadEscalated,
        Domain.Incidents.TimelineEntryKind.WarRoomOpened => V1.TimelineEntryKind.WarRoomOpened,
        Domain.Incidents.TimelineEntryKind.WarRoomOverdue => V1.TimelineEntryKind.WarRoomOverdue,
        Domain.Incidents.TimelineEntryKind.RegulatoryClockStarted => V1.TimelineEntryKind.RegulatoryClockStarted,
        Domain.Incidents.TimelineEntryKind.RegulatoryClockNagged => V1.TimelineEntryKind.RegulatoryClockNagged,
        Domain.Incidents.TimelineEntryKind.RegulatoryDeadlineMissed => V1.TimelineEntryKind.RegulatoryDeadlineMissed,
        Domain.Incidents.TimelineEntryKind.RegulatoryReportApproved => V1.TimelineEntryKind.RegulatoryReportApproved,
        Domain.Incidents.TimelineEntryKind.RegulatoryReportSubmitted => V1.TimelineEntryKind.RegulatoryReportSubmitted,
        Domain.Incidents.TimelineEntryKind.RegulatoryReportAcknowledged => V1.TimelineEntryKind.RegulatoryReportAcknowledged,
        Domain.Incidents.TimelineEntryKind.LocalAdditionAdded => V1.TimelineEntryKind.LocalAdditionAdded,
        Domain.Incidents.TimelineEntryKind.RunbookStarted => V1.TimelineEntryKind.RunbookStarted,
        Domain.Incidents.TimelineEntryKind.RunbookStepDone => V1.TimelineEntryKind.RunbookStepDone,
        Domain.Incidents.TimelineEntryKind.RunbookStepFailed => V1.TimelineEntryKind.RunbookStepFailed,
        Domain.Incidents.TimelineEntryKind.RunbookStepApproved => V1.TimelineEntryKind.RunbookStepApproved,
        Domain.Incidents.TimelineEntryKind.RunbookBreakerOpened => V1.TimelineEntryKind.RunbookBreakerOpened,
        Domain.Incidents.TimelineEntryKind.RunbookBreakerReset => V1.TimelineEntryKind.RunbookBreakerReset,
        Domain.Incidents.TimelineEntryKind.RunbookRolledBack => V1.TimelineEntryKind.RunbookRolledBack,
        Domain.Incidents.TimelineEntryKind.RunbookFinished => V1.TimelineEntryKind.RunbookFinished,
        _ => V1.TimelineEntryKind.Unspecified,
    };

    public static V1.AlertDisposition ToWire(Domain.Alerts.AlertDisposition disposition) => disposition switch
    {
        Domain.Alerts.AlertDisposition.Opened => V1.AlertDisposition.Opened,
        Domain.Alerts.AlertDisposition.Deduplicated => V1.AlertDisposition.Deduplicated,
        Domain.Alerts.AlertDisposition.Acknowledged => V1.AlertDisposition.Acknowledged,
        Domain.Alerts.AlertDisposition.Resolved => V1.AlertDisposition.Resolved,
        Domain.Alerts.AlertDisposition.Pending => V1.AlertDisposition.Pending,
        Domain.Alerts.AlertDisposition.Grouped => V1.AlertDisposition.Grouped,
        Domain.Alerts.AlertDisposition.Symptom => V1.AlertDisposition.Symptom,
        Domain.Alerts.AlertDisposition.Suppressed => V1.AlertDisposition.Suppressed,
        _ => V1.AlertDisposition.NoOpenIncident,
    };

    public static V1.AlertResult ToWire(Domain.Alerts.AlertOutcome outcome) => new()
    {
        Disposition = ToWire(outcome.Disposition),
        DedupKey = outcome.DedupKey,
        IncidentId = outcome.IncidentId ?? "",
        Status = outcome.Status is { } status ? ToWire(status) : V1.IncidentStatus.Unspecified,
        AlertCount = outcome.AlertCount,
    };

    public static V1.IncidentSummary ToWire(Domain.Incidents.IncidentSummary summary) => new()
    {
        Id = summary.Id,
        ServiceId = summary.ServiceId,
        BusinessUnitId = summary.BusinessUnitId,
        Title = summary.Title,
        Status = ToWire(summary.Status),
        Severity = ToWire(summary.Severity),
        OpenedAt = Timestamp.FromDateTimeOffset(summary.OpenedAt),
        UpdatedAt = Timestamp.FromDateTimeOffset(summary.UpdatedAt),
        AlertCount = summary.AlertCount,
        Version = summary.Version,
        RestrictedTo = { summary.RestrictedTo.IsDefault ? [] : summary.RestrictedTo },
        ArchivedAt = summary.ArchivedAt is { } archived ? Timestamp.FromDateTimeOffset(archived) : null,
        Drill = summary.Drill,
        Milestones = ToWire(summary.Milestones),
        PublicStatus = BusinessUnitWireMapping.ToWire(summary.PublicStatus),
    };

    public static V1.Milestones? ToWire(Domain.Incidents.IncidentMilestones? milestones) => milestones is null ? null : new()
    {
        DetectedAt = Timestamp.FromDateTimeOffset(milestones.DetectedAt),
        OpenedAt = Timestamp.FromDateTimeOffset(milestones.OpenedAt),
        AcknowledgedAt = Optional(milestones.AcknowledgedAt),
        MitigatedAt = Optional(milestones.MitigatedAt),
        ResolvedAt = Optional(milestones.ResolvedAt),
        Reopens = milestones.Reopens,
    };

    public static Domain.Incidents.Milestone ToDomain(V1.Milestone milestone) => milestone switch
    {
        V1.Milestone.Detected => Domain.Incidents.Milestone.Detected,
        V1.Milestone.Opened => Domain.Incidents.Milestone.Opened,
        V1.Milestone.Acknowledged => Domain.Incidents.Milestone.Acknowledged,
        V1.Milestone.Mitigated => Domain.Incidents.Milestone.Mitigated,
        V1.Milestone.Resolved => Domain.Incidents.Milestone.Resolved,
        _ => throw new Domain.Errors.InvalidRequestException("milestone", "is required: detected, opened, acknowledged, mitigated or resolved."),
    };

    public static DateTimeOffset Require(string field, Timestamp? at) =>
        at?.ToDateTimeOffset() ?? throw new Domain.Errors.InvalidRequestException(field, "is required.");

    public static Timestamp? Optional(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    public static V1.IncidentEvent ToWire(Domain.Incidents.IncidentEvent change) => new()
    {
        Incident = ToWire(change.Incident),
        Kind = ToWire(change.Kind),
        Actor = change.Actor,
        Sequence = change.Sequence,
        At = Timestamp.FromDateTimeOffset(change.At),
        Message = change.Message,
        Region = change.Region ?? "",
    };

    public static V1.Incident ToWire(Domain.Incidents.IncidentView view)
    {
        var incident = new V1.Incident
        {
            Id = view.Id,
            ServiceId = view.ServiceId,
            BusinessUnitId = view.BusinessUnitId,
            DedupKey = view.DedupKey,
            Title = view.Title,
            Source = view.Source,
            Component = view.Component ?? "",
            Severity = ToWire(view.Severity),
            Status = ToWire(view.Status),
            OpenedAt = Timestamp.FromDateTimeOffset(view.OpenedAt),
            AcknowledgedAt = view.AcknowledgedAt is { } acked ? Timestamp.FromDateTimeOffset(acked) : null,
            AcknowledgedBy = view.AcknowledgedBy ?? "",
            ResolvedAt = view.ResolvedAt is { } resolved ? Timestamp.FromDateTimeOffset(resolved) : null,
            ResolvedBy = view.ResolvedBy ?? "",
            AlertCount = view.AlertCount,
            LastAlertAt = Timestamp.FromDateTimeOffset(view.LastAlertAt),
            Version = view.Version,
            Escalation = EscalationWireMapping.ToWire(view.Escalation),
            PendingHandover = view.PendingHandover is { } handover
                ? new V1.PendingHandover
                {
                    RotationId = handover.RotationId,
                    IncomingResponderId = handover.IncomingResponderId,
                    AcceptBy = Timestamp.FromDateTimeOffset(handover.AcceptBy),
                }
                : null,
            PendingCommandHandover = view.PendingCommandHandover is { } command
                ? new V1.PendingCommandHandover
                {
                    RotationId = command.RotationId, Region = command.Region ?? "", OutgoingCommanderId = command.OutgoingCommanderId,
                    IncomingCommanderId = command.IncomingCommanderId, AcceptBy = Timestamp.FromDateTimeOffset(command.AcceptBy),
                }
                : null,
            Lifecycle = BusinessUnitWireMapping.ToWire(view.Lifecycle),
            Impact = BusinessUnitWireMapping.ToWire(view.Impact),
            RegulatoryTags = { view.RegulatoryTags },
            Stakeholders = { view.Stakeholders },
            IncidentSeverity = (V1.IncidentSeverity)(int)view.IncidentSeverity,
            Roles = { view.Roles.Select(BusinessUnitWireMapping.ToWire) },
            Clocks = { view.Clocks.Select(BusinessUnitWireMapping.ToWire) },
            Major = CommandWireMapping.ToWire(view.Major),
            CentralCommand = view.CentralCommand is { } central
                ? new V1.CentralCommand { EventId = central.EventId, Commander = central.Commander, Since = Timestamp.FromDateTimeOffset(central.Since) }
                : null,
            ResolutionNotes = view.ResolutionNotes is { } notes
                ? new V1.ResolutionNotes
                {
                    ActionsTaken = notes.ActionsTaken, ToolsUsed = notes.ToolsUsed, ConfigurationChanges = notes.ConfigurationChanges,
                    RecordedBy = notes.RecordedBy, At = Timestamp.FromDateTimeOffset(notes.At),
                }
                : null,
            Restoration = CommandWireMapping.ToWire(view.Restoration),
            ClosureReview = view.ClosureReview is { } review
                ? new V1.ClosureReview { ReviewedBy = review.ReviewedBy, At = Timestamp.FromDateTimeOffset(review.At), Note = review.Note ?? "" }
                : null,
            Environment = view.Environment,
            Owner = view.Owner,
            Category = view.Category,
            Classification = BusinessUnitWireMapping.ToWire(view.Classification),
            Symptoms =
            {
                view.Symptoms.Select(symptom => new V1.Symptom
                {
                    ServiceId = symptom.ServiceId,
                    FirstAt = Timestamp.FromDateTimeOffset(symptom.FirstAt),
                    LastAt = Timestamp.FromDateTimeOffset(symptom.LastAt),
                    AlertCount = symptom.AlertCount,
                    LastSummary = symptom.LastSummary,
                }),
            },
            RestrictedTo = { view.RestrictedTo },
            LegalHold = BusinessUnitWireMapping.ToWire(view.LegalHold),
            Drill = view.Drill,
            Milestones = ToWire(view.Milestones),
            PublicStatus = BusinessUnitWireMapping.ToWire(view.PublicStatus),
            WarRoom = ChatWireMapping.ToWire(view.WarRoom),
            RegulatoryClocks = { (view.RegulatoryClocks.IsDefault ? [] : view.RegulatoryClocks).Select(RegulatoryWireMapping.ToWire) },
        };
        incident.CustomDetails.Add(view.CustomDetails);
        incident.Pages.AddRange(view.Pages.Select(EscalationWireMapping.ToWire));
        incident.Timeline.AddRange(view.Timeline.Select(ToWire));
        incident.LinkedItems.AddRange(view.LinkedItems.Select(LinkWireMapping.ToWire));
        incident.TemporaryFixes.AddRange(view.TemporaryFixes.Select(LinkWireMapping.ToWire));
        incident.Vendors.AddRange(view.Vendors.Select(VendorWireMapping.ToWire));
        return incident;
    }

    public static V1.TimelineEntry ToWire(Domain.Incidents.TimelineEntry entry) => new()
    {
        Sequence = entry.Sequence,
        At = Timestamp.FromDateTimeOffset(entry.At),
        Actor = entry.Actor,
        Kind = ToWire(entry.Kind),
        Message = entry.Message,
        PreviousHash = entry.PreviousHash,
        Hash = entry.Hash,
    };

    public static Timestamp? ToWire(DateTimeOffset? at) => at is { } value ? Timestamp.FromDateTimeOffset(value) : null;

    /// <summary>The time zone of a rotation layer or a responder whose request leaves it empty, as the protos say.</summary>
    public const string DefaultTimeZone = "UTC";

    /// <summary>An IANA time zone, <see cref="DefaultTimeZone"/> when the request leaves it empty.</summary>
    public static string TimeZoneOrDefault(string zone) => zone.Length == 0 ? DefaultTimeZone : zone;

    /// <summary>Proto3 strings cannot be null; an empty optional field means "not given".</summary>
    public static string? Optional(string value) => value.Length == 0 ? null : value;
}
