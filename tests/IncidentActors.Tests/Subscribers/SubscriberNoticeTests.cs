using System.Text.Json;
using IncidentActors.Deadlines;
using IncidentActors.Responders;
using IncidentActors.Subscribers;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Responders;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static IncidentActors.Tests.Subscribers.SubscriberFixtures;

namespace IncidentActors.Tests.Subscribers;

/// <summary>The unit's outbox on real silos and a fake clock: durations, retries and failover.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubscriberNoticeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task MinimumDurationIsToldByItsDeadlineAndNotBefore()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, clock);
        await using var receiver = await ScriptedReceiver.StartAsync();
        var unit = cluster.Client.GetGrain<ISubscribersGrain>(AzuriteFixture.UniqueName("shop"));
        await unit.Define(Email("board", receiver.Url, duration: TimeSpan.FromMinutes(30)));
        var incident = Summary("shop-1", clock.GetUtcNow());

        await unit.Apply([Published(incident, 1, clock.GetUtcNow(), body: "Checkout fails.")]);
        await Settle(clock, cluster.Client);
        Assert.Empty(receiver.Requests);
        clock.Advance(TimeSpan.FromMinutes(30));
        var told = await Eventually.Get(() => Tick(clock, unit.Deliveries("board", 10)), l => l.Any(n => n.Status == DeliveryStatus.Delivered),
            what: "the notice once the incident was open 30 minutes");

        var (headers, body) = Assert.Single(receiver.Requests);
        Assert.Contains("Checkout fails.", JsonDocument.Parse(body).RootElement.GetProperty("text").GetString());
        Assert.Equal($"{told.Single().Key}/board", headers["Idempotency-Key"]);
    }

    [Fact]
    public async Task FailingReceiverIsRetriedWithBackoffUntilDelivered()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, clock);
        await using var receiver = await ScriptedReceiver.StartAsync(503);
        var unit = cluster.Client.GetGrain<ISubscribersGrain>(AzuriteFixture.UniqueName("shop"));
        await unit.Define(Email("acme", receiver.Url));

        await unit.Apply([Published(Summary("shop-1", clock.GetUtcNow()), 1, clock.GetUtcNow())]);
        var failed = await Eventually.Get(() => Tick(clock, unit.Deliveries("acme", 10)), l => l.Single().Attempts == 1, what: "the first attempt");
        clock.Advance(DeliveryBackoff.DelayBefore(2));
        var delivered = await Eventually.Get(() => Tick(clock, unit.Deliveries("acme", 10)), l => l.Single().Status == DeliveryStatus.Delivered,
            what: "the retry");

        Assert.Equal((DeliveryStatus.Pending, 503), (failed.Single().Status, failed.Single().HttpStatus));
        Assert.Equal(2, delivered.Single().Attempts);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
    }

    [Fact]
    public async Task KilledSiloLosesNoQueuedNoticeAndRedeliveredEventsSendNothingTwice()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 2, clock);
        await using var receiver = await ScriptedReceiver.StartAsync(200, 503);
        var unit = cluster.Client.GetGrain<ISubscribersGrain>(AzuriteFixture.UniqueName("shop"));
        await unit.Define(Email("acme", receiver.Url));
        var incident = Summary("shop-1", clock.GetUtcNow());
        var published = Published(incident, 1, clock.GetUtcNow());
        var monitoring = Moved(incident, 2, clock.GetUtcNow(), Communications.PublicStatus.Monitoring);

        await unit.Apply([published]);
        await Eventually.Get(() => Tick(clock, unit.Deliveries("acme", 10)), l => l.Single().Status == DeliveryStatus.Delivered, what: "the first notice");
        await unit.Apply([published, monitoring]);
        await Eventually.Get(() => Tick(clock, unit.Deliveries("acme", 10)), l => l.Length == 2 && l[0].Attempts == 1, what: "the second notice to fail once");

        // Both the silo holding the unit's grain and the one holding its deadline may be the victim: kill the grain's.
        var victim = cluster.Silos.Single(s => cluster.TryGetGrainContext(unit.GetGrainId(), out var c) && s.SiloAddress.Equals(c?.Address.SiloAddress));
        await cluster.KillSiloAsync(victim);
        clock.Advance(DeliveryBackoff.DelayBefore(2));
        var log = await Eventually.Get(() => Tick(clock, unit.Deliveries("acme", 10), TimeSpan.FromMilliseconds(50)),
            l => l.All(n => n.Status == DeliveryStatus.Delivered), TimeSpan.FromSeconds(60), "the second notice to be delivered after the failover");
        await unit.Apply([published, monitoring]);
        await Settle(clock, cluster.Client);

        Assert.Equal(2, (await unit.Deliveries("acme", 10)).Length);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Equal([log[1].Key + "/acme", log[0].Key + "/acme"], receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
    }

    private static Task<T> Tick<T>(FakeTimeProvider clock, Task<T> probe, TimeSpan step = default)
    {
        clock.Advance(step);
        return probe;
    }

    private static async Task Settle(FakeTimeProvider clock, IGrainFactory grains)
    {
        clock.Advance(TimeSpan.Zero);
        await Task.WhenAll(DeadlineShards.All(grains).Select(s => s.Ping()));
        await Task.Delay(200);
    }
}
