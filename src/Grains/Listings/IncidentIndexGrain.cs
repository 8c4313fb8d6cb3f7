using IncidentActors.Access;
using IncidentActors.Placement;
using IncidentActors.Storage;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Placement;

namespace IncidentActors.Incidents;

/// <summary>
/// Reentrant so that many incidents can report at once: their updates are stored by one grouped
/// write, and each update returns only when stored. An update that changes nothing listed but the
/// update time and version is written behind (<see cref="IncidentOptions.ListingActivityFlushInterval"/>):
/// a page lists hundreds of incidents, and rewriting it for every escalation and page of each would
/// write far more bytes than the escalations themselves.
/// </summary>
[Reentrant, HomeRegionPlacement, Immovable]
internal sealed class IncidentIndexGrain : Grain, IIncidentIndexGrain
{
    private readonly IPersistentState<IncidentIndexState> _state;
    private readonly HomeRegions _homes;
    private readonly IOptions<IncidentOptions> _options;
    private readonly GroupCommit _commit;
    private IGrainTimer? _activityFlush;

    public IncidentIndexGrain([PersistentState("incidentIndex", StorageNames.Incidents)] IPersistentState<IncidentIndexState> state, HomeRegions homes,
        IOptions<IncidentOptions> options)
    {
        _state = state;
        _homes = homes;
        _options = options;
        _commit = new GroupCommit(() => _state.WriteStateAsync());
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) => _homes.MoveHomeIfAwayAsync(this);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _activityFlush is null ? Task.CompletedTask : CommitAsync();

    public Task Upsert(IncidentSummary summary, CancellationToken cancellationToken = default)
    {
        var incidents = _state.State.Incidents;
        incidents.TryGetValue(summary.Id, out var known);
        if (known is not null && known.Version >= summary.Version)
        {
            return Task.CompletedTask;
        }
        incidents[summary.Id] = summary;
        if (known is not null && known with { UpdatedAt = summary.UpdatedAt, Version = summary.Version } == summary)
        {
            _activityFlush ??= this.RegisterGrainTimer(_ => CommitAsync(), new GrainTimerCreationOptions
            {
                DueTime = _options.Value.ListingActivityFlushInterval,
                Period = Timeout.InfiniteTimeSpan,
            });
            return Task.CompletedTask;
        }
        return CommitAsync();
    }

    /// <summary>A restricted incident is left out, before paging, for a caller who may not see it: its page and counts show no trace.</summary>
    public Task<IncidentPage> Query(IncidentQuery query, CancellationToken cancellationToken = default)
    {
        var ticket = AccessTicket.Current;
        var visible = ticket is null
            ? _state.State.Incidents.Values
            : _state.State.Incidents.Values.Where(i => ticket.Principal.MaySee(i.BusinessUnitId, i.RestrictedTo));
        return Task.FromResult(IncidentPaging.Page(visible, query));
    }

    /// <summary>Every write stores the whole page, so activity waiting to be flushed rides along with it.</summary>
    private Task CommitAsync()
    {
        // Disposing the timer from its own callback cancels only the token the callback ignores.
        _activityFlush?.Dispose();
        _activityFlush = null;
        return _commit.CommitAsync();
    }
}
