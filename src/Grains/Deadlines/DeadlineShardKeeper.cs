using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace IncidentActors.Deadlines;

/// <summary>
/// Runs in every silo once it is active. When membership declares a silo dead, the shards it hosted
/// are gone with their timers; pinging every shard re-activates them on survivors, where they fire
/// what is overdue. Orleans' reminders would notice only up to a minute later. Starting, it pings
/// too: after a whole-cluster restart, that is what brings the stored deadlines back. And it brings
/// back any shard deactivated while it still holds deadlines (see <see cref="BringBack"/>).
/// </summary>
internal sealed class DeadlineShardKeeper(
    IClusterMembershipService membership,
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
        _running = Task.WhenAll(PingOnDeathsAsync(_stopping.Token), SweepAsync(_stopping.Token));
        return Task.CompletedTask;
    }

    private async Task OnStop(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task PingOnDeathsAsync(CancellationToken stopping)
    {
        var knownDead = new HashSet<SiloAddress>();
        var first = true;
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stopping))
            {
                var newDeaths = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Dead && knownDead.Add(m.SiloAddress));
                if (first || newDeaths > 0)
                {
                    await PingAsync(DeadlineShards.All(grains), first ? "start" : "silo death", stopping);
                }
                first = false;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await PingAsync(DeadlineShards.All(grains), "sweep", stopping);
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
            Task.Run(() => PingAsync([shard], "deactivation", _stopping.Token)).Ignore();
        }
    }

    /// <summary>
    /// Pings the shards, and again each one that did not answer: just after a death, activating a
    /// shard can fail while the cluster settles, and waiting for the next sweep would leave its
    /// deadlines up to a sweep interval late.
    /// </summary>
    private async Task PingAsync(IEnumerable<IDeadlineShardGrain> shards, string reason, CancellationToken stopping)
    {
        var pending = shards.ToList();
        var count = pending.Count;
        for (var attempt = 1; pending.Count > 0 && !stopping.IsCancellationRequested; attempt++)
        {
            var errors = await Task.WhenAll(pending.Select(async shard =>
            {
                try
                {
                    await shard.Ping(stopping);
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
