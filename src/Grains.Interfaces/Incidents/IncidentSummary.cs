using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>
/// What a listing shows of an incident. <see cref="Version"/> orders updates from the incident. A restricted incident
/// names the groups that may see it (besides its unit's commanders); empty for everyone with a role in the unit.
/// <see cref="Severity"/> is the alert's; <see cref="IncidentSeverity"/> the incident's own (SEV1..SEV4) as decided
/// so far, null in summaries stored before they carried it. An archived incident is listed with the time retention
/// archived it, and only to those who ask for archived ones. A drill is a rehearsal and never counts in metrics.
/// <see cref="Milestones"/> and <see cref="Traits"/> are what metric projections need of the incident; events always carry them.
/// <see cref="PublicStatus"/> is what status pages and subscribers are told it is at.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentSummary")]
public sealed record IncidentSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string ServiceId,
    [property: Id(2)] string BusinessUnitId,
    [property: Id(3)] string Title,
    [property: Id(4)] IncidentStatus Status,
    [property: Id(5)] Alerts.AlertSeverity Severity,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] int AlertCount,
    [property: Id(9)] long Version,
    [property: Id(10)] ImmutableArray<string> RestrictedTo = default,
    [property: Id(11)] DateTimeOffset? ArchivedAt = null,
    [property: Id(12)] bool Drill = false,
    [property: Id(13)] IncidentMilestones? Milestones = null,
    [property: Id(14)] IncidentTraits? Traits = null,
    [property: Id(15)] BusinessUnits.IncidentSeverity? IncidentSeverity = null,
    [property: Id(16)] Communications.PublicStatus PublicStatus = Communications.PublicStatus.Investigating)
{
    public bool IsRestricted => !RestrictedTo.IsDefaultOrEmpty;
}
