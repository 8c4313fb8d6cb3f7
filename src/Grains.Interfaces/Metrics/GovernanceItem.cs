namespace IncidentActors.Metrics;

public enum GovernanceReason
{
    /// <summary>A severity's mean time to resolve was above its target for the unit's number of weeks running.</summary>
    MttrAboveTarget = 0,

    /// <summary>An incident's service and dedup key opened an incident within the recurrence window before.</summary>
    Recurrence = 1,
}

/// <summary>Something a unit's metrics say its admins should review; raised once per <see cref="Id"/>.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.GovernanceItem")]
public sealed record GovernanceItem(
    [property: Id(0)] string Id,
    [property: Id(1)] GovernanceReason Reason,
    [property: Id(2)] DateTimeOffset RaisedAt,
    [property: Id(3)] string Description,
    [property: Id(4)] string? IncidentId);
