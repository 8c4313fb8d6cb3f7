using IncidentActors.Testing;
using Orleans.Storage;
using Xunit;
using static IncidentActors.AzureStorage.Tests.TestGrainStorage;

namespace IncidentActors.AzureStorage.Tests;

/// <summary>
/// What every grain storage must do, whichever partition and table layout it uses; each layout runs it in a subclass below.
/// </summary>
public abstract class GrainStorageContractTests(AzuriteFixture azurite, int sharedPartitions, int tables = 1)
{
    private const int MultiPropertySize = 200 * 1024;
    private const int BlobSize = 3 * 1024 * 1024;

    private AzureTableGrainStorageOptions? _options;

    [Fact]
    public async Task StateRoundTripsWithItsEtag()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var written = new GrainState<TestState>(TestState.Sized("first", 100));

        await storage.WriteStateAsync(StateName, grainId, written);
        var read = await ReadAsync(storage, grainId);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("first", read.State!.Name);
        Assert.Equal(written.State!.Payload, read.State!.Payload);
    }

    [Fact]
    public async Task MissingStateReadsAsNoRecord()
    {
        var storage = await CreateStorageAsync();

        var read = await ReadAsync(storage, NewGrainId());

        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task StaleEtagIsRejected()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        await storage.WriteStateAsync(StateName, grainId, new GrainState<TestState>(TestState.Sized("v1", 10)));
        var first = await ReadAsync(storage, grainId);
        var second = await ReadAsync(storage, grainId);
        first.State = TestState.Sized("v2 by first", 10);
        await storage.WriteStateAsync(StateName, grainId, first);

        second.State = TestState.Sized("v2 by second", 10);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, second));

        Assert.Equal("v2 by first", (await ReadAsync(storage, grainId)).State!.Name);
    }

    [Fact]
    public async Task OfTwoConcurrentFirstWritersExactlyOneWins()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();

        var outcomes = await RaceAsync(2, i => storage.WriteStateAsync(StateName, grainId, new GrainState<TestState>(TestState.Sized($"writer {i}", 10))));

        Assert.Single(outcomes, won => won);
    }

    [Fact]
    public async Task OfSixteenWritersRacingWithTheSameEtagExactlyOneWins()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var initial = new GrainState<TestState>(TestState.Sized("initial", 10));
        await storage.WriteStateAsync(StateName, grainId, initial);
        var winners = new List<string>();

        var outcomes = await RaceAsync(16, async i =>
        {
            var copy = new GrainState<TestState>(TestState.Sized($"writer {i}", 10), initial.ETag);
            await storage.WriteStateAsync(StateName, grainId, copy);
            lock (winners)
            {
                winners.Add(copy.State!.Name);
            }
        });

        Assert.Single(outcomes, won => won);
        Assert.Equal(winners.Single(), (await ReadAsync(storage, grainId)).State!.Name);
    }

    [Fact]
    public async Task ClearedStateReadsAsMissingAndCanBeWrittenAgain()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var state = new GrainState<TestState>(TestState.Sized("doomed", 10));
        await storage.WriteStateAsync(StateName, grainId, state);

        await storage.ClearStateAsync(StateName, grainId, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = await ReadAsync(storage, grainId);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        state.State = TestState.Sized("reborn", 10);
        await storage.WriteStateAsync(StateName, grainId, state);
        Assert.Equal("reborn", (await ReadAsync(storage, grainId)).State!.Name);
    }

    [Fact]
    public async Task ClearWithStaleEtagIsRejected()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var stale = new GrainState<TestState>(TestState.Sized("v1", 10));
        await storage.WriteStateAsync(StateName, grainId, stale);
        var fresh = await ReadAsync(storage, grainId);
        fresh.State = TestState.Sized("v2", 10);
        await storage.WriteStateAsync(StateName, grainId, fresh);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grainId, stale));

        Assert.Equal("v2", (await ReadAsync(storage, grainId)).State!.Name);
    }

    [Fact]
    public async Task LargeStatesMoveBetweenPropertiesAndBlobsWithoutOrphans()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var state = new GrainState<TestState>(TestState.Sized("multi-property", MultiPropertySize));

        await storage.WriteStateAsync(StateName, grainId, state);
        await AssertStoredAsync(storage, grainId, state.State!, expectedBlobs: 0);

        state.State = TestState.Sized("blob", BlobSize);
        await storage.WriteStateAsync(StateName, grainId, state);
        await AssertStoredAsync(storage, grainId, state.State!, expectedBlobs: 1);

        state.State = TestState.Sized("another blob", BlobSize);
        await storage.WriteStateAsync(StateName, grainId, state);
        await AssertStoredAsync(storage, grainId, state.State!, expectedBlobs: 1);

        state.State = TestState.Sized("multi-property again", MultiPropertySize);
        await storage.WriteStateAsync(StateName, grainId, state);
        await AssertStoredAsync(storage, grainId, state.State!, expectedBlobs: 0);

        state.State = TestState.Sized("blob again", BlobSize);
        await storage.WriteStateAsync(StateName, grainId, state);
        await storage.ClearStateAsync(StateName, grainId, state);
        Assert.Equal(0, await CountBlobsAsync());
    }

    [Fact]
    public async Task WriterThatOnlyReadTheBlobVersionStillDeletesTheBlobItReplaces()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var first = new GrainState<TestState>(TestState.Sized("blob", BlobSize));
        await storage.WriteStateAsync(StateName, grainId, first);

        var second = await ReadAsync(storage, grainId);
        second.State = TestState.Sized("small", 16);
        await storage.WriteStateAsync(StateName, grainId, second);
        first.State = TestState.Sized("stale blob", BlobSize);
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grainId, first));

        await AssertStoredAsync(storage, grainId, second.State!, expectedBlobs: 0);
    }

    [Fact]
    public async Task StateJustBelowTheBlobThresholdStaysInTheTable()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var state = new GrainState<TestState>(TestState.Sized("largest inline", AzureTableGrainStorage.MaxInlineBytes - 64));

        await storage.WriteStateAsync(StateName, grainId, state);
        // An update sends the whole entity again, and is held to the entity limit where an insert may not be.
        state.State = TestState.Sized("largest inline, updated", AzureTableGrainStorage.MaxInlineBytes - 64);
        await storage.WriteStateAsync(StateName, grainId, state);

        await AssertStoredAsync(storage, grainId, state.State!, expectedBlobs: 0);
    }

    [Fact]
    public async Task RacingBlobWritersLeaveOnlyTheWinnersBlob()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();
        var initial = new GrainState<TestState>(TestState.Sized("initial", BlobSize));
        await storage.WriteStateAsync(StateName, grainId, initial);

        var outcomes = await RaceAsync(4, i =>
            storage.WriteStateAsync(StateName, grainId, new GrainState<TestState>(TestState.Sized($"writer {i}", BlobSize), initial.ETag)));

        Assert.Single(outcomes, won => won);
        Assert.Equal(1, await CountBlobsAsync());
    }

    [Fact]
    public async Task KeysWithReservedCharactersAndUnicodeAreKeptApart()
    {
        var storage = await CreateStorageAsync();
        string[] keys = ["a/b", "a#b", "a?b", "a\\b", "a%b", "a|b", "ünïcødé/🚨", "tab\tkey"];

        foreach (var key in keys)
        {
            await storage.WriteStateAsync("state/with#odd?name", GrainId.Create("incident", key), new GrainState<TestState>(TestState.Sized(key, 10)));
        }

        foreach (var key in keys)
        {
            var read = new GrainState<TestState>();
            await storage.ReadStateAsync("state/with#odd?name", GrainId.Create("incident", key), read);
            Assert.Equal(key, read.State!.Name);
        }
    }

    [Fact]
    public async Task StatesOfOneGrainAreKeptApartByStateName()
    {
        var storage = await CreateStorageAsync();
        var grainId = NewGrainId();

        await storage.WriteStateAsync("first", grainId, new GrainState<TestState>(TestState.Sized("one", 10)));
        await storage.WriteStateAsync("second", grainId, new GrainState<TestState>(TestState.Sized("two", 10)));

        var first = new GrainState<TestState>();
        await storage.ReadStateAsync("first", grainId, first);
        Assert.Equal("one", first.State!.Name);
    }

    private async Task<AzureTableGrainStorage> CreateStorageAsync()
    {
        _options = NewOptions(azurite, sharedPartitions, tables);
        return await CreateAsync(_options, AzuriteFixture.UniqueName("service"));
    }

    /// <summary>Starts all attempts together and reports for each whether it won (true) or lost on a concurrency conflict.</summary>
    private static async Task<bool[]> RaceAsync(int count, Func<int, Task> attempt)
    {
        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            start.Wait();
            try
            {
                await attempt(i);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })).ToArray();
        start.Set();
        return await Task.WhenAll(attempts);
    }

    private async Task AssertStoredAsync(AzureTableGrainStorage storage, GrainId grainId, TestState expected, int expectedBlobs)
    {
        var read = await ReadAsync(storage, grainId);
        Assert.Equal(expected.Name, read.State!.Name);
        Assert.Equal(expected.Payload, read.State!.Payload);
        Assert.Equal(expectedBlobs, await CountBlobsAsync());
    }

    private Task<int> CountBlobsAsync() => TestGrainStorage.CountBlobsAsync(_options!);
}

/// <summary>The contract with each grain state in a partition of its own, the default layout.</summary>
[Collection("Azurite")]
public sealed class GrainStorageWithAPartitionPerStateTests(AzuriteFixture azurite) : GrainStorageContractTests(azurite, sharedPartitions: 0);

/// <summary>The contract with all states in a few partitions, where concurrent writes of different grains are committed together.</summary>
[Collection("Azurite")]
public sealed class GrainStorageWithFourSharedPartitionsTests(AzuriteFixture azurite) : GrainStorageContractTests(azurite, sharedPartitions: 4);

/// <summary>The contract with states in partitions of their own, spread over two tables.</summary>
[Collection("Azurite")]
public sealed class GrainStorageWithAPartitionPerStateOverTwoTablesTests(AzuriteFixture azurite) : GrainStorageContractTests(azurite, sharedPartitions: 0, tables: 2);

/// <summary>The contract with shared partitions spread over three tables, each partition's writes still committed together.</summary>
[Collection("Azurite")]
public sealed class GrainStorageWithFourSharedPartitionsOverThreeTablesTests(AzuriteFixture azurite) : GrainStorageContractTests(azurite, sharedPartitions: 4, tables: 3);
