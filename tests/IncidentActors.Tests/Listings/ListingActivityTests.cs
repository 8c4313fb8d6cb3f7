using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Listings;

/// <summary>
/// A change that alters nothing a listing shows but the update time and version (here a linked item)
/// is listed at once and stored behind; a listed change is stored before its call returns.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ListingActivityTests(AzuriteFixture azurite)
{
    private const string Unit = "payments";

    [Fact]
    public async Task ActivityIsListedAtOnceStoredBehindAndKeptThroughAGracefulRestart()
    {
        var serviceId = TestClusters.NewServiceId();
        var flushNever = new Dictionary<string, string?> { [$"{IncidentOptions.Section}:{nameof(IncidentOptions.ListingActivityFlushInterval)}"] = "01:00:00" };
        long linkedVersion;
        await using (var first = await TestClusters.StartAsync(azurite, serviceId, silos: 1, settings: flushNever))
        {
            var incident = await OpenAsync(first.Client);
            var opened = await StoredListingAsync(first, incident);
            var linked = await first.Client.GetGrain<IIncidentGrain>(incident)
                .LinkItem(LinkedItemKind.ChangeRequest, "CHG-311", null, new ResponderAction("alice", null));
            linkedVersion = linked.Version;

            Assert.Equal(linkedVersion, (await ListedAsync(first.Client, incident)).Version);
            Assert.Equal(opened.Version, (await StoredListingAsync(first, incident)).Version);

            var acknowledged = await first.Client.GetGrain<IIncidentGrain>(incident).Acknowledge(new ResponderAction("alice", "on it"));
            Assert.Equal(acknowledged.Version, (await StoredListingAsync(first, incident)).Version);

            await first.Client.GetGrain<IIncidentGrain>(incident).LinkItem(LinkedItemKind.ChangeRequest, "CHG-312", null, new ResponderAction("alice", null));
            linkedVersion = (await first.Client.GetGrain<IIncidentGrain>(incident).Get()).Version;
            await first.StopAllSilosAsync();
        }

        await using var second = await TestClusters.StartAsync(azurite, serviceId, silos: 1, settings: flushNever);
        var listed = Assert.Single((await IncidentIndexPages.Page(second.Client, Unit, 0).Query(new IncidentQuery(null, null, 10, null))).Incidents);
        Assert.Equal(linkedVersion, listed.Version);
        Assert.Equal(IncidentStatus.Acknowledged, listed.Status);
    }

    [Fact]
    public async Task ActivityReachesStorageWithinTheFlushIntervalWithoutAnyOtherChange()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1,
            settings: new Dictionary<string, string?> { [$"{IncidentOptions.Section}:{nameof(IncidentOptions.ListingActivityFlushInterval)}"] = "00:00:00.200" });
        var incident = await OpenAsync(cluster.Client);

        var linked = await cluster.Client.GetGrain<IIncidentGrain>(incident)
            .LinkItem(LinkedItemKind.ProblemRecord, "PRB-7", "Pool exhaustion", new ResponderAction("alice", null));

        var stored = await Eventually.Get(() => StoredListingAsync(cluster, incident), s => s.Version == linked.Version,
            TimeSpan.FromSeconds(10), "the listing's activity to be flushed");
        Assert.Equal(linked.Timeline[^1].At, stored.UpdatedAt);
    }

    private static async Task<string> OpenAsync(IGrainFactory grains)
    {
        var service = grains.GetGrain<IServiceGrain>("card-auth");
        await service.Register(Cluster.Alerts.Service("card-auth", Unit));
        return (await service.Ingest(Cluster.Alerts.Trigger("card-auth", "declines"))).IncidentId!;
    }

    private static async Task<IncidentSummary> ListedAsync(IGrainFactory grains, string incidentId) =>
        (await IncidentIndexPages.Page(grains, Unit, 0).Query(new IncidentQuery(null, null, 10, null))).Incidents.Single(i => i.Id == incidentId);

    private static async Task<IncidentSummary> StoredListingAsync(InProcessTestCluster cluster, string incidentId) =>
        (await StoredStates.ReadAsync<IncidentIndexState>(cluster, "incidentIndex", IncidentIndexPages.Page(cluster.Client, Unit, 0).GetGrainId()))
            .Incidents[incidentId];
}
