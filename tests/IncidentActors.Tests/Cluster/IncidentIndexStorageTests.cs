using IncidentActors.Alerts;
using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Cluster;

/// <summary>How an index page lays its incidents out in storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IncidentIndexStorageTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AnIncidentsChangeRewritesOnlyTheIndexBucketThatHoldsIt()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var unit = AzuriteFixture.UniqueName("unit");
        var service = cluster.Client.GetGrain<IServiceGrain>("ledger");
        await service.Register(Alerts.Service("ledger", unit));
        var incidentIds = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            incidentIds.Add((await service.Ingest(Alerts.Trigger("ledger", $"posting-{i}"))).IncidentId!);
        }
        var page = IncidentIndexPages.Page(cluster.Client, unit, 0).GetGrainId();
        var before = await ReadBucketsAsync(cluster, page);

        await cluster.Client.GetGrain<IIncidentGrain>(incidentIds[7]).Acknowledge(new ResponderAction("alice", null));

        var after = await ReadBucketsAsync(cluster, page);
        var bucket = Assert.Single(Enumerable.Range(0, IncidentIndexGrain.Buckets), i => after[i].ETag != before[i].ETag);
        Assert.Equal(IncidentStatus.Acknowledged, after[bucket].State!.Incidents[incidentIds[7]].Status);
        Assert.Equal(incidentIds.Order(), after.SelectMany(b => b.State!.Incidents.Keys).Order());
        // Spread out, or a bucket would be as large as the page.
        Assert.True(after.Count(b => b.State!.Incidents.Count > 0) > IncidentIndexGrain.Buckets / 2);
    }

    [Fact]
    public async Task AnIndexPageStoredAsOneRecordIsListedAndMovedIntoItsBuckets()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var unit = AzuriteFixture.UniqueName("unit");
        var page = IncidentIndexPages.Page(cluster.Client, unit, 0);
        var now = DateTimeOffset.UtcNow;
        var listed = new IncidentSummary("inc-stored-whole", "ledger", unit, "Ledger down", IncidentStatus.Triggered, AlertSeverity.Critical, now, now, 1, 1);
        // As a page stored its incidents before they were bucketed, before it was first activated.
        var whole = new GrainState<IncidentIndexState>(new IncidentIndexState());
        whole.State!.Incidents[listed.Id] = listed;
        await StoredState.Storage(cluster).WriteStateAsync(IncidentIndexGrain.WholePageStateName, page.GetGrainId(), whole);

        var found = await page.Query(new IncidentQuery(null, null, 10, null));

        Assert.Equal(listed, Assert.Single(found.Incidents));
        var left = new GrainState<IncidentIndexState>(new IncidentIndexState());
        await StoredState.Storage(cluster).ReadStateAsync(IncidentIndexGrain.WholePageStateName, page.GetGrainId(), left);
        Assert.False(left.RecordExists);
        Assert.Equal(listed, Assert.Single((await ReadBucketsAsync(cluster, page.GetGrainId())).SelectMany(b => b.State!.Incidents.Values)));
    }

    private static Task<GrainState<IncidentIndexState>[]> ReadBucketsAsync(InProcessTestCluster cluster, GrainId page) =>
        StoredState.BucketsAsync<IncidentIndexState>(cluster, page, IncidentIndexGrain.WholePageStateName, IncidentIndexGrain.Buckets);
}
