using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.Cluster;

[Collection(AzuriteCollection.Name)]
public sealed class RepeatWriteBehindTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RepeatCountersReachStorageWithinTheFlushIntervalWithoutAnyOtherChange()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var service = cluster.Client.GetGrain<IServiceGrain>("billing");
        await service.Register(Alerts.Service("billing"));
        var opened = await service.Ingest(Alerts.Trigger("billing", "invoice-run"));
        for (var i = 0; i < 4; i++)
        {
            await service.Ingest(Alerts.Trigger("billing", "invoice-run"));
        }

        var grainId = cluster.Client.GetGrain<IIncidentGrain>(opened.IncidentId!).GetGrainId();
        var stored = await Eventually.Get(() => StoredStates.ReadAsync<IncidentState>(cluster, "incident", grainId),
            s => s.AlertCount == 5, TimeSpan.FromSeconds(10), "the repeat counters to be flushed");

        Assert.Equal(IncidentStatus.Triggered, stored.Status);
        Assert.Single(stored.Timeline);
    }

    [Fact]
    public async Task RepeatCountersReachTheListingWithinTheFlushInterval()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var service = cluster.Client.GetGrain<IServiceGrain>("ledger");
        await service.Register(Alerts.Service("ledger", "finance"));
        var opened = await service.Ingest(Alerts.Trigger("ledger", "close-run"));
        for (var i = 0; i < 4; i++)
        {
            await service.Ingest(Alerts.Trigger("ledger", "close-run"));
        }

        var listed = await Eventually.Get(
            async () => (await IncidentIndexPages.Page(cluster.Client, "finance", 0).Query(new IncidentQuery("ledger", null, 10, null))).Incidents,
            incidents => incidents.Any(i => i.Id == opened.IncidentId && i.AlertCount == 5), TimeSpan.FromSeconds(10), "the listing to show the repeats");

        Assert.Single(listed);
    }
}
