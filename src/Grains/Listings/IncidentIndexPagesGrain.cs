using IncidentActors.Placement;
using IncidentActors.Storage;
using Orleans.Concurrency;
using Orleans.Placement;

namespace IncidentActors.Incidents;

/// <summary>
/// Counts incidents into pages in memory and stores only the page count, when a page is opened:
/// after a restart the newest page fills again from zero and may end a little over capacity,
/// which costs nothing but a slightly larger page.
/// </summary>
[Reentrant, HomeRegionPlacement, Immovable]
internal sealed class IncidentIndexPagesGrain(
    [PersistentState("incidentIndexPages", StorageNames.Incidents)] IPersistentState<IncidentIndexPagesState> state,
    HomeRegions homes) : Grain, IIncidentIndexPagesGrain
{
    private int _listedInNewest;
    private Task? _opening;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => homes.MoveHomeIfAwayAsync(this);

    public async Task<int> Assign(int incidents = 1, CancellationToken cancellationToken = default)
    {
        // Reentrant: callers arriving while a new page is stored wait for it, so no page is handed out before it counts.
        while (_opening is not null)
        {
            await _opening;
        }
        if (state.State.Pages == 0 || _listedInNewest >= IncidentIndexPages.Capacity)
        {
            _listedInNewest = 0;
            state.State.Pages++;
            _opening = state.WriteStateAsync(cancellationToken);
            try
            {
                await _opening;
            }
            catch
            {
                state.State.Pages--;
                throw;
            }
            finally
            {
                _opening = null;
            }
        }
        // Incidents opened together share a page, which may then end a little over capacity.
        _listedInNewest += Math.Max(incidents, 1);
        return state.State.Pages - 1;
    }

    public Task<int> Count(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Pages);
}

[GenerateSerializer, Alias("IncidentActors.Incidents.IncidentIndexPagesState")]
public sealed class IncidentIndexPagesState
{
    [Id(0)] public int Pages { get; set; }
}
