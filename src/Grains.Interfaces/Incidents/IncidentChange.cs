namespace IncidentActors.Incidents;

/// <summary>A change of one incident, fanned out to watchers.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentChange")]
public sealed record IncidentChange(
    [property: Id(0)] IncidentSummary Incident,
    [property: Id(1)] TimelineEntryKind Kind,
    [property: Id(2)] string Actor);
