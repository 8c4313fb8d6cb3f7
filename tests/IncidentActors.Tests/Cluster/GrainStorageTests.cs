using IncidentActors.Deadlines;
using IncidentActors.Silo;
using IncidentActors.Storage;
using IncidentActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Xunit;

namespace IncidentActors.Tests.Cluster;

/// <summary>What the grains require of the incidents storage, on each provider the silo can be configured with.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class GrainStorageTests(AzuriteFixture azurite)
{
    private const string StateName = "deadlines-00";

    [Theory]
    [InlineData(GrainStorageProvider.Grouped)]
    [InlineData(GrainStorageProvider.Official)]
    public async Task AStateStartedAsNewIsRefusedWhereOneIsStoredAndTheStoredOneStays(GrainStorageProvider provider)
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, grainStorage: provider);
        var storage = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
        var grainId = GrainId.Create("deadlineshard", Guid.NewGuid().ToString("N"));
        var stored = Started(storage, grainId, "stored");
        await stored.WriteStateAsync(CancellationToken.None);

        var wronglyNew = Started(storage, grainId, "wrongly new");

        await Assert.ThrowsAnyAsync<InconsistentStateException>(() => wronglyNew.WriteStateAsync(CancellationToken.None));
        var read = new LazyGrainState<DeadlineShardState>(StateName, grainId, storage);
        await read.LoadAsync(CancellationToken.None);
        Assert.True(read.RecordExists);
        Assert.Equal(["stored"], read.State.Deadlines.Keys);
    }

    [Theory]
    [InlineData(GrainStorageProvider.Grouped)]
    [InlineData(GrainStorageProvider.Official)]
    public async Task AClearedStateReadsAsNeverStored(GrainStorageProvider provider)
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, grainStorage: provider);
        var storage = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
        var grainId = GrainId.Create("deadlineshard", Guid.NewGuid().ToString("N"));
        var state = new GrainState<DeadlineShardState>(new DeadlineShardState());
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);

        var read = new GrainState<DeadlineShardState>(new DeadlineShardState());
        await storage.ReadStateAsync(StateName, grainId, read);
        Assert.False(read.RecordExists);
    }

    private static LazyGrainState<DeadlineShardState> Started(IGrainStorage storage, GrainId grainId, string key)
    {
        var state = new LazyGrainState<DeadlineShardState>(StateName, grainId, storage);
        state.StartNew();
        state.State.Deadlines[key] = new DeadlineEntry(grainId, key, DateTimeOffset.UnixEpoch);
        return state;
    }
}
