namespace IncidentActors.Services;

/// <summary>No changes to the service until <see cref="Until"/>: recorded when a major incident on it resolves.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ChangeFreeze")]
public sealed record ChangeFreeze(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset Until);

/// <summary>
/// One change let through a running freeze by someone who may command the service's unit, with why; it stands for that
/// change reference until the freeze it overrode ends.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ChangeFreezeOverride")]
public sealed record ChangeFreezeOverride(
    [property: Id(0)] string ChangeReference,
    [property: Id(1)] string Reason,
    [property: Id(2)] string ApprovedBy,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] DateTimeOffset Until);
