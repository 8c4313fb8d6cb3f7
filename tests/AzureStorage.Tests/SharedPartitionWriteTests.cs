using Azure.Data.Tables;
using IncidentActors.Testing;
using Orleans.Storage;
using Xunit;
using static IncidentActors.AzureStorage.Tests.TestGrainStorage;

namespace IncidentActors.AzureStorage.Tests;

/// <summary>
/// Concurrent writes of states in one shared partition, which the storage commits together. Writes are started in a
/// loop without awaiting: each runs synchronously up to the partition's queue (but for a state in a blob, which is
/// uploaded first), and a request takes far longer than the loop, so the first one is still in flight when the loop
/// ends and the writes after it wait, to go into the partition's next transactions.
/// </summary>
[Collection("Azurite")]
public sealed class SharedPartitionWriteTests(AzuriteFixture azurite)
{
    private const int SmallSize = 100;
    private const int BlobSize = AzureTableGrainStorage.MaxInlineBytes + 1024;

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task ThreeHundredGrainsWrittenTogetherEachReadBackTheirOwnStateAndEtag()
    {
        var storage = await CreateStorageAsync(sharedPartitions: 1);
        var states = NewStates(300, SmallSize);

        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));

        var reads = await Task.WhenAll(states.Select(s => ReadAsync(storage, s.Id)));
        for (var i = 0; i < states.Length; i++)
        {
            AssertReadBack(states[i].State, reads[i]);
        }
    }

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task StaleWriteAmongConcurrentWritesFailsAloneWhileTheOthersCommit()
    {
        var storage = await CreateStorageAsync(sharedPartitions: 1);
        var (grainId, stale, fresh) = await StoreAndReadTwiceAsync(storage);
        await storage.WriteStateAsync(StateName, grainId, fresh);

        var (staleWrite, others, otherWrites) = StartAmongOthers(storage, () => storage.WriteStateAsync(StateName, grainId, stale));

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => staleWrite);
        // Only a transaction reports its failure so; written alone, the stale write would prove nothing about grouping.
        Assert.IsType<TableTransactionFailedException>(error.InnerException);
        await otherWrites;
        Assert.Equal(fresh.State!.Name, (await ReadAsync(storage, grainId)).State!.Name);
        foreach (var (id, state) in others)
        {
            AssertReadBack(state, await ReadAsync(storage, id));
        }
    }

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task OfTwoConcurrentWritesOfOneStateAmongOthersExactlyOneWins()
    {
        var storage = await CreateStorageAsync(sharedPartitions: 1);
        var (grainId, first, second) = await StoreAndReadTwiceAsync(storage);

        // Both wait behind the writes started before them, so both are queued when the next transaction is made up.
        var (rivals, _, otherWrites) = StartAmongOthers(storage, () => Task.WhenAll(new[] { first, second }.Select(async rival =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, grainId, rival);
                return rival.State!.Name;
            }
            catch (InconsistentStateException)
            {
                return null;
            }
        })));

        var winner = Assert.Single(await rivals, name => name is not null);
        Assert.Equal(winner, (await ReadAsync(storage, grainId)).State!.Name);
        await otherWrites;
    }

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task StatesInBlobsAndInTheTableWrittenTogetherAllReadBack()
    {
        var options = NewOptions(azurite, sharedPartitions: 1);
        var storage = await CreateAsync(options, AzuriteFixture.UniqueName("service"));
        var states = NewStates(3, BlobSize).Concat(NewStates(30, SmallSize)).OrderBy(_ => Random.Shared.Next()).ToArray();

        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));

        foreach (var (id, state) in states)
        {
            AssertReadBack(state, await ReadAsync(storage, id));
        }
        Assert.Equal(3, await CountBlobsAsync(options));
    }

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task StatesNearTheInlineLimitWrittenTogetherAreSplitOverTransactionsAzureAccepts()
    {
        var storage = await CreateStorageAsync(sharedPartitions: 1);
        // Together they take over 7 MiB on the wire, beyond the 4 MiB Azure (and Azurite) accept in one transaction.
        var states = NewStates(8, AzureTableGrainStorage.MaxInlineBytes - 64);

        await Task.WhenAll(states.Select(s => storage.WriteStateAsync(StateName, s.Id, s.State)));

        foreach (var (id, state) in states)
        {
            AssertReadBack(state, await ReadAsync(storage, id));
        }
    }

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task StatesStoredUnderOneLayoutAreNotFoundUnderTheOther()
    {
        var serviceId = AzuriteFixture.UniqueName("service");
        var perStateOptions = NewOptions(azurite, sharedPartitions: 0);
        var sharedOptions = NewOptions(azurite, sharedPartitions: 4);
        sharedOptions.TableName = perStateOptions.TableName;
        sharedOptions.ContainerName = perStateOptions.ContainerName;
        var perState = await CreateAsync(perStateOptions, serviceId);
        var shared = await CreateAsync(sharedOptions, serviceId);
        var storedPerState = NewGrainId();
        var storedShared = NewGrainId();

        await perState.WriteStateAsync(StateName, storedPerState, new GrainState<TestState>(TestState.Sized("per state", SmallSize)));
        await shared.WriteStateAsync(StateName, storedShared, new GrainState<TestState>(TestState.Sized("shared", SmallSize)));

        Assert.False((await ReadAsync(shared, storedPerState)).RecordExists);
        Assert.False((await ReadAsync(perState, storedShared)).RecordExists);
    }

    private Task<AzureTableGrainStorage> CreateStorageAsync(int sharedPartitions) =>
        CreateAsync(NewOptions(azurite, sharedPartitions), AzuriteFixture.UniqueName("service"));

    private static (GrainId Id, GrainState<TestState> State)[] NewStates(int count, int payloadBytes) =>
        Enumerable.Range(0, count)
            .Select(_ => (NewGrainId(), new GrainState<TestState>(TestState.Sized(Guid.NewGuid().ToString("N"), payloadBytes))))
            .ToArray();

    /// <summary>
    /// Stores a state and reads it into two objects, each then changed: the storage knows both as the stored version,
    /// so a write of either goes straight to the partition's queue with the stored ETag.
    /// </summary>
    private static async Task<(GrainId Id, GrainState<TestState> First, GrainState<TestState> Second)> StoreAndReadTwiceAsync(
        AzureTableGrainStorage storage)
    {
        var (grainId, stored) = NewStates(1, SmallSize)[0];
        await storage.WriteStateAsync(StateName, grainId, stored);
        var first = await ReadAsync(storage, grainId);
        var second = await ReadAsync(storage, grainId);
        first.State = TestState.Sized("first", SmallSize);
        second.State = TestState.Sized("second", SmallSize);
        return (grainId, first, second);
    }

    /// <summary>
    /// Starts <paramref name="middle"/> between writes of other grains, so that it waits in a busy partition and is
    /// committed in a transaction with some of them.
    /// </summary>
    private static (TWrite Middle, (GrainId Id, GrainState<TestState> State)[] Others, Task OtherWrites) StartAmongOthers<TWrite>(
        AzureTableGrainStorage storage, Func<TWrite> middle)
        where TWrite : Task
    {
        var others = NewStates(40, SmallSize);
        var before = others[..20].Select(o => storage.WriteStateAsync(StateName, o.Id, o.State)).ToArray();
        var started = middle();
        var after = others[20..].Select(o => storage.WriteStateAsync(StateName, o.Id, o.State)).ToArray();
        return (started, others, Task.WhenAll(before.Concat(after)));
    }

    /// <summary>The state read is the one written, and its ETag the one the write returned: neither another grain's.</summary>
    private static void AssertReadBack(GrainState<TestState> written, GrainState<TestState> read)
    {
        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(written.State!.Name, read.State!.Name);
        Assert.Equal(written.State.Payload, read.State.Payload);
    }
}
