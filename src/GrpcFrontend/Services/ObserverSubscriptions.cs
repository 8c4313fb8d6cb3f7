using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>
/// Connects a gRPC stream to a grain through a grain observer. The subscription is renewed
/// periodically, because grains hold observers as soft state that expires: a grain re-activated
/// elsewhere after a silo failure is subscribed to again within one renewal period.
/// </summary>
internal sealed class ObserverSubscriptions(IGrainFactory grains, TimeProvider clock, ILogger<ObserverSubscriptions> logger)
{
    /// <summary>A stream that reads slower than items arrive loses the oldest rather than the silo's memory.</summary>
    public const int BufferedItems = 10_000;

    public static readonly TimeSpan RenewalPeriod = TimeSpan.FromSeconds(10);

    public static Channel<T> NewBuffer<T>() => Channel.CreateBounded<T>(
        new BoundedChannelOptions(BufferedItems) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public async Task<Subscription<TItem>> SubscribeAsync<TObserver, TItem>(
        TObserver observer,
        ChannelReader<TItem> items,
        Func<TObserver, CancellationToken, Task> subscribe,
        Func<TObserver, Task> unsubscribe,
        CancellationToken cancellationToken)
        where TObserver : class, IGrainObserver
    {
        var reference = grains.CreateObjectReference<TObserver>(observer);
        await subscribe(reference, cancellationToken);
        var renewal = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var renewing = RenewAsync(() => subscribe(reference, renewal.Token), renewal.Token);
        return new Subscription<TItem>(items, async () =>
        {
            await renewal.CancelAsync();
            await renewing;
            renewal.Dispose();
            try
            {
                await unsubscribe(reference);
            }
            catch (Exception e)
            {
                // The subscription expires on its own; the grain only forgets a dead observer sooner.
                logger.LogDebug(e, "Could not unsubscribe a finished {Observer}", typeof(TObserver).Name);
            }
            grains.DeleteObjectReference<TObserver>(reference);
            // Orleans holds an observer only weakly: the subscription keeps it alive until it ends,
            // or a garbage collection would silently end the stream.
            GC.KeepAlive(observer);
        });
    }

    private async Task RenewAsync(Func<Task> subscribe, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(RenewalPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await subscribe();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Renewing a live subscription failed; retrying in {Period}", RenewalPeriod);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
