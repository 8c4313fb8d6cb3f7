namespace IncidentActors.Incidents;

/// <summary>A major incident's war room as its unit's provisioning webhook answered it, and how long that took against the target.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.WarRoom")]
public sealed record WarRoom(
    [property: Id(0)] string Url,
    [property: Id(1)] string? Channel,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] TimeSpan Took,
    [property: Id(4)] TimeSpan Target);
