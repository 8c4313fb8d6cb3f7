using System.Collections.Immutable;
using Orleans.Concurrency;

namespace IncidentActors.Metrics;

/// <summary>
/// A business unit's metric bookkeeping, keyed by unit id: its services and their teams (what normalized volume divides
/// by), and its governance items, the reviews its thresholds open instead of paging anyone.
/// </summary>
[Alias("IncidentActors.Metrics.IUnitMetricsGrain")]
public interface IUnitMetricsGrain : IGrainWithStringKey
{
    /// <summary>A service of the unit, with its owner team, from its registration.</summary>
    [Alias("RecordService")]
    Task RecordService(string serviceId, string team, CancellationToken cancellationToken = default);

    /// <summary>Services by id, with their teams.</summary>
    [Alias("Services"), ReadOnly]
    Task<ImmutableSortedDictionary<string, string>> Services(CancellationToken cancellationToken = default);

    /// <summary>Checks the unit's thresholds against a projected fact; idempotent by incident.</summary>
    [Alias("Observe")]
    Task Observe(IncidentFact fact, CancellationToken cancellationToken = default);

    /// <summary>Newest first.</summary>
    [Alias("ListGovernanceItems"), ReadOnly]
    Task<ImmutableArray<GovernanceItem>> ListGovernanceItems(CancellationToken cancellationToken = default);
}
