using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.AzureStorage.Tests;

[Collection("Azurite")]
public sealed class EntityGroupWriterTests(AzuriteFixture azurite)
{
    private const string Partition = "partition";

    [Fact(Timeout = TestGrainStorage.GroupedWritesTimeout)]
    public async Task ConcurrentWritesToOnePartitionTakeAFewTransactionsOfAtMostAHundredEach()
    {
        var tableName = AzuriteFixture.UniqueName("writer");
        var table = new TableClient(azurite.ConnectionString, tableName);
        await table.CreateAsync();
        var requests = new RequestCounter();
        var options = new TableClientOptions();
        options.AddPolicy(requests, HttpPipelinePosition.PerCall);
        var writer = new EntityGroupWriter(new TableClient(azurite.ConnectionString, tableName, options));
        const int writes = 300;

        var etags = await Task.WhenAll(Enumerable.Range(0, writes).Select(i =>
            writer.WriteAsync(new TableEntity(Partition, $"row{i}"), ifMatch: null, encodedBytes: 100)));

        // Written one by one they would take 300 requests; 100 actions a transaction at most, they need three at least.
        Assert.InRange(requests.Count, writes / EntityGroupWriter.MaxActions, writes / 10);
        var stored = new Dictionary<string, string>();
        await foreach (var entity in table.QueryAsync<TableEntity>(e => e.PartitionKey == Partition))
        {
            stored.Add(entity.RowKey, entity.ETag.ToString());
        }
        Assert.Equal(Enumerable.Range(0, writes).ToDictionary(i => $"row{i}", i => etags[i].ToString()), stored);
    }

    /// <summary>Counts the calls a client makes, once a call however often it is retried.</summary>
    private sealed class RequestCounter : HttpPipelineSynchronousPolicy
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
    }
}
