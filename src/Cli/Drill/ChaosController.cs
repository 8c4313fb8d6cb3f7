using IncidentActors.Cli.Cluster;

namespace IncidentActors.Cli.Drill;

/// <summary>
/// Injects a scenario's faults into a cluster the drill started, and undoes every one it injected: when its time is up,
/// or at once with a reason when a stop condition holds or the drill is aborted or interrupted. Nothing is left in place.
/// </summary>
public sealed class ChaosController(LocalCluster cluster, TimeProvider clock)
{
    private readonly List<Injected> _faults = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    public IReadOnlyList<ChaosRecord> Records
    {
        get
        {
            lock (_faults)
            {
                return [.. _faults.Select(f => new ChaosRecord(f.Fault.Kind, f.Fault.Target, f.InjectedAt, f.UndoneAt, f.UndoneBecause))];
            }
        }
    }

    /// <summary>Faults injected and not yet undone.</summary>
    public int Standing
    {
        get
        {
            lock (_faults)
            {
                return _faults.Count(f => f.UndoneAt is null);
            }
        }
    }

    public async Task InjectAsync(ChaosFault fault)
    {
        await _gate.WaitAsync();
        try
        {
            var injected = new Injected(fault, clock.GetUtcNow());
            lock (_faults)
            {
                _faults.Add(injected);
            }
            switch (fault.Kind)
            {
                case ChaosFault.KillSilo:
                    await cluster.KillSiloAsync(fault.Target);
                    break;
                case ChaosFault.LoseRegion:
                    await Task.WhenAll(SilosOf(fault.Target).Select(s => cluster.KillSiloAsync(s.Name)));
                    break;
                case ChaosFault.StopStorage:
                    await cluster.StopStorageAsync();
                    break;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Undoes the fault if it still stands.</summary>
    public async Task UndoAsync(ChaosFault fault, string because, CancellationToken cancellationToken)
    {
        Injected? standing;
        lock (_faults)
        {
            standing = _faults.FirstOrDefault(f => f.Fault == fault && f.UndoneAt is null);
        }
        if (standing is not null)
        {
            await UndoAsync(standing, because, cancellationToken);
        }
    }

    /// <summary>Undoes every fault still standing: called from the drill's finally, whatever ended it.</summary>
    public async Task UndoAllAsync(string because, CancellationToken cancellationToken)
    {
        List<Injected> standing;
        lock (_faults)
        {
            standing = [.. _faults.Where(f => f.UndoneAt is null)];
        }
        // Storage first: silos started again need it to become ready.
        foreach (var fault in standing.OrderBy(f => f.Fault.Kind == ChaosFault.StopStorage ? 0 : 1))
        {
            await UndoAsync(fault, because, cancellationToken);
        }
    }

    private async Task UndoAsync(Injected injected, string because, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (injected.UndoneAt is not null)
            {
                return;
            }
            switch (injected.Fault.Kind)
            {
                case ChaosFault.KillSilo:
                    await cluster.RestartSiloAsync(injected.Fault.Target, cancellationToken);
                    break;
                case ChaosFault.LoseRegion:
                    await Task.WhenAll(SilosOf(injected.Fault.Target).Select(s => cluster.RestartSiloAsync(s.Name, cancellationToken)));
                    break;
                case ChaosFault.StopStorage:
                    await cluster.RestartStorageAsync(cancellationToken);
                    break;
            }
            lock (_faults)
            {
                injected.UndoneAt = clock.GetUtcNow();
                injected.UndoneBecause = because;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private IEnumerable<SiloEndpoints> SilosOf(string region) => cluster.Layout.Silos.Where(s => s.Region == region);

    private sealed class Injected(ChaosFault fault, DateTimeOffset injectedAt)
    {
        public ChaosFault Fault { get; } = fault;
        public DateTimeOffset InjectedAt { get; } = injectedAt;
        public DateTimeOffset? UndoneAt { get; set; }
        public string? UndoneBecause { get; set; }
    }
}
