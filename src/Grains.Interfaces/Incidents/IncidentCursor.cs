namespace IncidentActors.Incidents;

/// <summary>The position of the last incident of a page: the next page starts after it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentCursor")]
public sealed record IncidentCursor(
    [property: Id(0)] DateTimeOffset OpenedAt,
    [property: Id(1)] string Id);
