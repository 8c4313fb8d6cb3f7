using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>
/// What metrics slice and judge an incident by, beyond its summary: its effective severity, category, owning team,
/// whether it escalated past its first level, and its dedup key (an incident of the same key again is a recurrence).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentTraits")]
public sealed record IncidentTraits(
    [property: Id(0)] IncidentSeverity Severity,
    [property: Id(1)] string Category,
    [property: Id(2)] string Team,
    [property: Id(3)] bool Escalated,
    [property: Id(4)] string DedupKey);
