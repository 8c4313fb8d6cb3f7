using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace IncidentActors.Deadlines;

/// <summary>
/// Runs in every silo once it is active. When membership declares a silo dead, the shards it hosted
/// are gone with their timers; pinging every shard re-activates them on survivors, where they fire
/// what is overdue. Orleans' reminders would notice only up to a minute later. Starting, it pings
/// too: after a whole-cluster restart, that is what brings the stored deadlines back.
/// </summary>
internal sealed class DeadlineShardKeeper(
    IClusterMembershipService membership,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<DeadlineOptions> options,
    ILogger<DeadlineShardKeeper> logger) : ILifecycleParticipant<ISiloLifecycle>
{
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
                    await PingAllAsync(first ? "start" : "silo death", stopping);
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
                await PingAllAsync("sweep", stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task PingAllAsync(string reason, CancellationToken stopping)
    {
        try
        {
            await Task.WhenAll(DeadlineShards.All(grains).Select(s => s.Ping(stopping)));
            logger.LogDebug("Pinged all deadline shards after a {Reason}", reason);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            logger.LogWarning(e, "Pinging deadline shards after a {Reason} failed; the next change or sweep tries again", reason);
        }
    }
}
