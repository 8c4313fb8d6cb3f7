namespace IncidentActors.Incidents;

/// <summary>
/// What an incident did with a trigger: opened, counted it, or refused because it is already resolved. An opening
/// whose events could not be delivered at once says so: its service, which covers its openings, delivers them later.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.TriggerResult")]
public sealed record TriggerResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] bool Opened,
    [property: Id(2)] IncidentStatus Status,
    [property: Id(3)] int AlertCount,
    [property: Id(4)] bool EventsPending = false);
