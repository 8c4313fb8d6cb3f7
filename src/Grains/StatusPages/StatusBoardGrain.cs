using System.Collections.Immutable;
using IncidentActors.Storage;

namespace IncidentActors.StatusPages;

/// <summary>
/// A unit's status board (<see cref="StatusBoardRules"/>): stored, because published updates cannot be rebuilt from an
/// incident's replay; answers reads from one immutable snapshot per version, so readers share it without copies.
/// </summary>
internal sealed class StatusBoardGrain(
    [PersistentState("statusBoard", StorageNames.Incidents)] IPersistentState<StatusBoardState> state,
    TimeProvider clock) : Grain, IStatusBoardGrain
{
    private StatusBoard? _snapshot;

    public async Task Apply(StatusBoardChange change, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        var changed = StatusBoardRules.Apply(s.Incidents, change);
        var now = clock.GetUtcNow();
        changed |= StatusBoardRules.Prune(s.Incidents, now);
        if (!changed)
        {
            return;
        }
        s.Version++;
        s.UpdatedAt = now;
        _snapshot = null;
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // Forget the unstored change: the event is delivered again and decided again.
            await state.ReadStateAsync(CancellationToken.None);
            throw;
        }
    }

    public Task<StatusBoard> Get(CancellationToken cancellationToken = default)
    {
        var s = state.State;
        return Task.FromResult(_snapshot ??= new StatusBoard(this.GetPrimaryKeyString(), s.Version, s.UpdatedAt,
            [.. s.Incidents.Values.OrderByDescending(i => i.ResolvedAt ?? DateTimeOffset.MaxValue).ThenByDescending(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal)]));
    }
}

[GenerateSerializer, Alias("IncidentActors.StatusPages.StatusBoardState")]
public sealed class StatusBoardState
{
    [Id(0)] public Dictionary<string, BoardIncident> Incidents { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public long Version { get; set; }

    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }
}
