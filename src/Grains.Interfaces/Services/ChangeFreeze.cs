namespace IncidentActors.Services;

/// <summary>No changes to the service until <see cref="Until"/>: recorded when a major incident on it resolves.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ChangeFreeze")]
public sealed record ChangeFreeze(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset Until);
