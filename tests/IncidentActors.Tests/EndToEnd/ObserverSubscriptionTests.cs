using System.Runtime.CompilerServices;
using IncidentActors.GrpcFrontend.Services;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Orleans holds observers weakly: a watch stream's subscription must keep its observer alive.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ObserverSubscriptionTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    [Fact]
    public async Task ASubscriptionKeepsItsObserverAliveThroughGarbageCollections()
    {
        var subscriptions = new ObserverSubscriptions(Grains, TimeProvider.System, NullLogger<ObserverSubscriptions>.Instance);
        var (subscription, observer) = await SubscribeAsync(subscriptions);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.True(observer.IsAlive, "the observer was collected while its subscription was live");
        await subscription.DisposeAsync();
    }

    /// <summary>Leaves the caller nothing but the subscription and a weak reference to the observer.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<(Subscription<IncidentEvent>, WeakReference)> SubscribeAsync(ObserverSubscriptions subscriptions)
    {
        var observer = new IncidentChangeObserver(_ => true);
        var feed = Grains.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global);
        var subscription = await subscriptions.SubscribeAsync<IIncidentObserver, IncidentEvent>(
            observer, observer.Changes.Reader, feed.Subscribe, r => feed.Unsubscribe(r), CancellationToken.None);
        return (subscription, new WeakReference(observer));
    }
}
