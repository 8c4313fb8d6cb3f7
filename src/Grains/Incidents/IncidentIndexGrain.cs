using IncidentActors.Placement;
using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using Orleans.Placement;
using Orleans.Storage;

namespace IncidentActors.Incidents;

/// <summary>
/// Reentrant so that many incidents can report at once: their updates are stored by one grouped
/// write, and each update returns only when stored. A page's incidents are stored in buckets, so that an
/// incident's change rewrites a sixteenth of the page rather than all of its few hundred incidents.
/// </summary>
[Reentrant, HomeRegionPlacement, Immovable]
internal sealed class IncidentIndexGrain : Grain, IIncidentIndexGrain
{
    public const int Buckets = 16;

    /// <summary>Where a page kept all its incidents before they were bucketed; folded into the buckets when found.</summary>
    public const string WholePageStateName = "incidentIndex";

    private readonly StateBuckets<IncidentIndexState, IncidentSummary> _incidents;
    private readonly HomeRegions _homes;
    private readonly GroupCommit _commit;

    public IncidentIndexGrain([FromKeyedServices(StorageNames.Incidents)] IGrainStorage storage, IGrainContext context, HomeRegions homes)
    {
        _incidents = new(storage, context.GrainId, WholePageStateName, Buckets, s => s.Incidents);
        _homes = homes;
        _commit = new GroupCommit(_incidents.StoreChangesAsync);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _homes.MoveHomeIfAwayAsync(this);
        await _incidents.LoadAsync(cancellationToken);
    }

    public Task Upsert(IncidentSummary summary, CancellationToken cancellationToken = default)
    {
        if (_incidents.TryGetValue(summary.Id, out var known) && known.Version >= summary.Version)
        {
            return Task.CompletedTask;
        }
        _incidents.Set(summary.Id, summary);
        return _commit.CommitAsync();
    }

    public Task<IncidentPage> Query(IncidentQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(IncidentPaging.Page(_incidents.Values, query));
}
