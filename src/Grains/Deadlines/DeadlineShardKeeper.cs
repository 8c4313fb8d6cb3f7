using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace IncidentActors.Deadlines;

/// <summary>
/// Runs in every silo once it is active. When membership declares a silo dead, the shards it hosted
/// are gone with their timers; pinging every shard re-activates them on survivors, where they fire
/// what is overdue. Orleans' reminders would notice only up to a minute later. Starting, it pings
/// too: after a whole-cluster restart, that is what brings the stored deadlines back. When a silo
/// joins, the pings move the shards that belong on it there (<see cref="DeadlineShardPlacement"/>).
/// And it brings back any shard deactivated while it still holds deadlines (see <see cref="BringBack"/>).
/// </summary>
internal sealed class DeadlineShardKeeper(
    IClusterMembershipService membership,
    IClusterManifestProvider manifests,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineShardKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private const int MaxPingAttempts = 10;

    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(DeadlineShardKeeper), ServiceLifecycleStage.Active, OnStart, OnStop);

    private Task OnStart(CancellationToken cancellationToken)
    {
        _running = Task.WhenAll(PingOnMembershipChangesAsync(_stopping.Token), PingOnManifestJoinsAsync(_stopping.Token), SweepAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task PingOnMembershipChangesAsync(CancellationToken stopping)
    {
        var knownDead = new HashSet<SiloAddress>();
        var knownActive = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var newDeaths = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Dead && knownDead.Add(m.SiloAddress));
                var joins = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active && knownActive.Add(m.SiloAddress));
                if (first || newDeaths > 0 || joins > 0)
                {
                    await PingAsync(DeadlineShards.All(grains), first ? "start" : newDeaths > 0 ? "silo death" : "silo join", moveHome: true, stopping);
                }
                first = false;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Placement sees a silo only once it is in the cluster manifest too, which can come after membership
    /// declares it active: a shard moved home before that would be placed where it was.
    /// </summary>
    private async Task PingOnManifestJoinsAsync(CancellationToken stopping)
    {
        var known = manifests.Current.Silos.Keys.ToHashSet();
        try
        {
            await foreach (var manifest in manifests.Updates.WithCancellation(stopping))
            {
                if (manifest.Silos.Keys.Count(known.Add) > 0)
                {
                    await PingAsync(DeadlineShards.All(grains), "silo join", moveHome: true, stopping);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>The silos placement can put a shard on: active, and in the cluster manifest.</summary>
    public List<SiloAddress> PlacementSilos()
    {
        var inManifest = manifests.Current.Silos;
        return [.. membership.CurrentSnapshot.Members.Values
            .Where(m => m.Status == SiloStatus.Active && inManifest.ContainsKey(m.SiloAddress))
            .Select(m => m.SiloAddress)];
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await PingAsync(DeadlineShards.All(grains), "sweep", moveHome: true, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// A shard's timer goes with its activation, and a deactivated shard is called again only by the
    /// next sweep. Orleans deactivates a survivor's activations whose directory entries lived on a
    /// silo that died, just as that death's pings go out, so a shard that answered them can be gone a
    /// moment later with its deadlines due.
    /// </summary>
    public void BringBack(IDeadlineShardGrain shard)
    {
        if (!_stopping.IsCancellationRequested)
        {
            // Off the deactivating shard's scheduler, which runs nothing more once it is gone.
            Task.Run(() => PingAsync([shard], "deactivation", moveHome: false, _stopping.Token)).Ignore();
        }
    }

    /// <summary>
    /// Pings the shards, and again each one that did not answer: just after a death, activating a
    /// shard can fail while the cluster settles, and waiting for the next sweep would leave its
    /// deadlines up to a sweep interval late.
    /// </summary>
    private async Task PingAsync(IEnumerable<IDeadlineShardGrain> shards, string reason, bool moveHome, CancellationToken stopping)
    {
        var pending = shards.ToList();
        var count = pending.Count;
        for (var attempt = 1; pending.Count > 0 && !stopping.IsCancellationRequested; attempt++)
        {
            var errors = await Task.WhenAll(pending.Select(async shard =>
            {
                try
                {
                    await (moveHome ? shard.PingAndMoveHome(stopping) : shard.Ping(stopping));
                    return null;
                }
                catch (Exception e) when (!stopping.IsCancellationRequested)
                {
                    return e;
                }
            }));
            var failed = pending.Zip(errors).Where(p => p.Second is not null).Select(p => (Shard: p.First, Error: p.Second!)).ToList();
            if (failed.Count == 0)
            {
                logger.LogDebug("Pinged {Count} deadline shards after a {Reason}", count, reason);
                return;
            }
            if (attempt == MaxPingAttempts)
            {
                logger.LogWarning(failed[0].Error, "{Count} deadline shards did not answer after a {Reason}; the next change or sweep tries again", failed.Count, reason);
                return;
            }
            pending = failed.Select(f => f.Shard).ToList();
            await Task.Delay(options.Value.RetryDelay, clock, stopping);
        }
    }
}
