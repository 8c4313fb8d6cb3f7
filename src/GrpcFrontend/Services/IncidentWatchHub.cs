using System.Threading.Channels;
using IncidentActors.Incidents;
using Microsoft.Extensions.Logging;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>
/// Connects gRPC watchers to the incident feed through grain observers. Each watcher renews its
/// subscription periodically, so a feed grain re-activated elsewhere after a silo failure is
/// subscribed again within one renewal period.
/// </summary>
internal sealed class IncidentWatchHub(IGrainFactory grains, TimeProvider clock, ILogger<IncidentWatchHub> logger)
{
    /// <summary>A watcher that reads slower than incidents change loses the oldest changes rather than the silo's memory.</summary>
    public const int BufferedChanges = 10_000;

    public static readonly TimeSpan RenewalPeriod = TimeSpan.FromSeconds(10);

    public async Task<Subscription> SubscribeAsync(Func<IncidentChange, bool> filter, CancellationToken cancellationToken)
    {
        var observer = new Observer(filter);
        var reference = grains.CreateObjectReference<IIncidentObserver>(observer);
        var feed = grains.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global);
        await feed.Subscribe(reference, cancellationToken);
        var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(feed, reference, renewal.Token);
        return new Subscription(observer.Changes.Reader, async () =>
        {
            await renewal.CancelAsync();
            await renewing;
            renewal.Dispose();
            try
            {
                await feed.Unsubscribe(reference);
            }
            catch (Exception e)
            {
                // The subscription expires on its own; the feed only loses a dead observer sooner.
                logger.LogDebug(e, "Could not unsubscribe a finished incident watcher");
            }
            grains.DeleteObjectReference<IIncidentObserver>(reference);
        });
    }

    private async Task RenewAsync(IIncidentFeedGrain feed, IIncidentObserver reference, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewalPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await feed.Subscribe(reference, cancellationToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Renewing an incident watch subscription failed; retrying in {Period}", RenewalPeriod);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public sealed class Subscription(ChannelReader<IncidentChange> changes, Func<Task> dispose) : IAsyncDisposable
    {
        public ChannelReader<IncidentChange> Changes { get; } = changes;

        public async ValueTask DisposeAsync() => await dispose();
    }

    private sealed class Observer(Func<IncidentChange, bool> filter) : IIncidentObserver
    {
        public Channel<IncidentChange> Changes { get; } = Channel.CreateBounded<IncidentChange>(
            new BoundedChannelOptions(BufferedChanges) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

        public Task OnIncidentChanged(IncidentChange change)
        {
            if (filter(change))
            {
                Changes.Writer.TryWrite(change);
            }
            return Task.CompletedTask;
        }
    }
}
