using IncidentActors.Placement;
using IncidentActors.Storage;
using Orleans.Concurrency;
using Orleans.Placement;

namespace IncidentActors.Incidents;

/// <summary>
/// Reentrant so that many incidents can report at once: their updates are stored by one grouped
/// write, and each update returns only when stored.
/// </summary>
[Reentrant, HomeRegionPlacement, Immovable]
internal sealed class IncidentIndexGrain : Grain, IIncidentIndexGrain
{
    private readonly IPersistentState<IncidentIndexState> _state;
    private readonly HomeRegions _homes;
    private readonly GroupCommit _commit;

    public IncidentIndexGrain([PersistentState("incidentIndex", StorageNames.Incidents)] IPersistentState<IncidentIndexState> state, HomeRegions homes)
    {
        _state = state;
        _homes = homes;
        _commit = new GroupCommit(() => _state.WriteStateAsync());
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _homes.MoveHomeIfAwayAsync(this);

    public Task Upsert(IncidentSummary summary, CancellationToken cancellationToken = default)
    {
        var incidents = _state.State.Incidents;
        if (incidents.TryGetValue(summary.Id, out var known) && known.Version >= summary.Version)
        {
            return Task.CompletedTask;
        }
        incidents[summary.Id] = summary;
        return _commit.CommitAsync();
    }

    public Task<IncidentPage> Query(IncidentQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(IncidentPaging.Page(_state.State.Incidents.Values, query));
}
