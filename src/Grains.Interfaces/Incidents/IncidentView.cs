using System.Collections.Immutable;
using IncidentActors.Alerts;

namespace IncidentActors.Incidents;

[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentView")]
public sealed record IncidentView(
    [property: Id(0)] string Id,
    [property: Id(1)] string ServiceId,
    [property: Id(2)] string BusinessUnitId,
    [property: Id(3)] string DedupKey,
    [property: Id(4)] string Title,
    [property: Id(5)] string Source,
    [property: Id(6)] string? Component,
    [property: Id(7)] AlertSeverity Severity,
    [property: Id(8)] IncidentStatus Status,
    [property: Id(9)] ImmutableSortedDictionary<string, string> CustomDetails,
    [property: Id(10)] DateTimeOffset OpenedAt,
    [property: Id(11)] DateTimeOffset? AcknowledgedAt,
    [property: Id(12)] string? AcknowledgedBy,
    [property: Id(13)] DateTimeOffset? ResolvedAt,
    [property: Id(14)] string? ResolvedBy,
    [property: Id(15)] int AlertCount,
    [property: Id(16)] DateTimeOffset LastAlertAt,
    [property: Id(17)] long Version,
    [property: Id(18)] ImmutableArray<TimelineEntry> Timeline,
    [property: Id(19)] EscalationView? Escalation,
    [property: Id(20)] ImmutableArray<PageRecord> Pages,
    [property: Id(21)] PendingHandover? PendingHandover,
    [property: Id(22)] LifecycleView Lifecycle,
    [property: Id(23)] ImpactAssessment? Impact,
    [property: Id(24)] ImmutableArray<string> RegulatoryTags,
    [property: Id(25)] ImmutableArray<string> Stakeholders,
    [property: Id(26)] BusinessUnits.IncidentSeverity IncidentSeverity,
    [property: Id(27)] ImmutableArray<RoleAssignment> Roles,
    [property: Id(28)] ImmutableArray<DutyClock> Clocks,
    [property: Id(29)] MajorIncident? Major,
    [property: Id(30)] Command.CentralCommand? CentralCommand,
    [property: Id(31)] ResolutionNotes? ResolutionNotes,
    [property: Id(32)] RestorationVerification? Restoration,
    [property: Id(33)] ClosureReview? ClosureReview,
    [property: Id(34)] ImmutableArray<LinkedItem> LinkedItems,
    [property: Id(35)] ImmutableArray<TemporaryFix> TemporaryFixes,
    [property: Id(36)] ImmutableArray<VendorEngagement> Vendors);
