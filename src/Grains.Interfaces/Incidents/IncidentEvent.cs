namespace IncidentActors.Incidents;

/// <summary>
/// One committed change of an incident, the machine-readable twin of the timeline entry it appended. Events exist only
/// for changes that were stored; each incident numbers its events 1, 2, 3, … with no gaps, and delivers them at least
/// once and in order, so a consumer keeps the highest <see cref="Sequence"/> it applied per incident and ignores the rest.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentEvent")]
public sealed record IncidentEvent(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] TimelineEntryKind Kind,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] string Actor,
    [property: Id(5)] string Message,
    [property: Id(6)] string BusinessUnitId,
    [property: Id(7)] string ServiceId,
    [property: Id(8)] string? Region,
    [property: Id(9)] IncidentSummary Incident,
    [property: Id(10)] IncidentEventData? Data,
    [property: Id(11)] int IndexPage);
