using Azure.Data.Tables;
using IncidentActors.Testing;
using Orleans.Storage;
using Xunit;
using static IncidentActors.AzureStorage.Tests.TestGrainStorage;

namespace IncidentActors.AzureStorage.Tests;

/// <summary>Where states go when a storage spreads them over several tables.</summary>
[Collection("Azurite")]
public sealed class TableSpreadTests(AzuriteFixture azurite)
{
    private const int States = 60;
    private const int Tables = 3;

    [Theory(Timeout = GroupedWritesTimeout)]
    [InlineData(0)]
    [InlineData(8)]
    public async Task StatesLandInEveryNumberedTableAndNowhereElse(int sharedPartitions)
    {
        var options = NewOptions(azurite, sharedPartitions, Tables);
        var storage = await CreateAsync(options, AzuriteFixture.UniqueName("service"));

        await WriteNewStatesAsync(storage);

        var counts = await Task.WhenAll(Enumerable.Range(0, Tables).Select(t => CountEntitiesAsync(options.TableName + t)));
        Assert.All(counts, count => Assert.True(count > 0, $"a table holds none of {States} states: {string.Join(", ", counts)}"));
        Assert.Equal(States, counts.Sum());
        Assert.Equal(
            Enumerable.Range(0, Tables).Select(t => options.TableName + t).Order(),
            await TableNamesStartingWithAsync(options.TableName));
    }

    [Fact(Timeout = GroupedWritesTimeout)]
    public async Task EachSharedPartitionLiesInOneTable()
    {
        var options = NewOptions(azurite, sharedPartitions: 8, Tables);
        var storage = await CreateAsync(options, AzuriteFixture.UniqueName("service"));

        await WriteNewStatesAsync(storage);

        var partitionsPerTable = await Task.WhenAll(Enumerable.Range(0, Tables).Select(t => PartitionKeysAsync(options.TableName + t)));
        var partitions = partitionsPerTable.SelectMany(keys => keys).ToList();
        Assert.Equal(partitions.Count, partitions.Distinct().Count());
    }

    [Fact]
    public async Task EveryStateReadsBackThroughANewStorageOverTheSameTables()
    {
        var options = NewOptions(azurite, sharedPartitions: 8, Tables);
        var serviceId = AzuriteFixture.UniqueName("service");
        var writer = await CreateAsync(options, serviceId);
        var states = Enumerable.Range(0, States).Select(i => (Id: NewGrainId(), Name: $"state {i}")).ToList();
        foreach (var (id, name) in states)
        {
            await writer.WriteStateAsync(StateName, id, new GrainState<TestState>(TestState.Sized(name, 10)));
        }

        var reader = await CreateAsync(options, serviceId);

        foreach (var (id, name) in states)
        {
            Assert.Equal(name, (await ReadAsync(reader, id)).State!.Name);
        }
    }

    private static Task WriteNewStatesAsync(AzureTableGrainStorage storage) =>
        Task.WhenAll(Enumerable.Range(0, States).Select(_ =>
            storage.WriteStateAsync(StateName, NewGrainId(), new GrainState<TestState>(TestState.Sized("spread", 10)))));

    private async Task<int> CountEntitiesAsync(string tableName)
    {
        var count = 0;
        await foreach (var _ in new TableClient(azurite.ConnectionString, tableName).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            count++;
        }
        return count;
    }

    private async Task<HashSet<string>> PartitionKeysAsync(string tableName)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var entity in new TableClient(azurite.ConnectionString, tableName).QueryAsync<TableEntity>(select: ["PartitionKey"]))
        {
            keys.Add(entity.PartitionKey);
        }
        return keys;
    }

    private async Task<List<string>> TableNamesStartingWithAsync(string prefix)
    {
        var names = new List<string>();
        await foreach (var table in new TableServiceClient(azurite.ConnectionString).QueryAsync($"TableName ge '{prefix}' and TableName lt '{prefix}~'"))
        {
            names.Add(table.Name);
        }
        return [.. names.Order()];
    }
}
