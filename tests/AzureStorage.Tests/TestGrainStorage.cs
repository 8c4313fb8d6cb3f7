using Azure.Storage.Blobs;
using IncidentActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Serialization;
using Orleans.Storage;

namespace IncidentActors.AzureStorage.Tests;

/// <summary>Grain storages on the shared Azurite, each on a table and container of its own, and what their tests do with them.</summary>
internal static class TestGrainStorage
{
    public const string StateName = "state";

    /// <summary>
    /// Milliseconds a test of writes committed together may take: a write the storage drops is never answered, and
    /// without a limit its test would wait for it forever rather than fail.
    /// </summary>
    public const int GroupedWritesTimeout = 60_000;

    private static readonly IGrainStorageSerializer Serializer = new OrleansGrainStorageSerializer(
        new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(TestState).Assembly))
            .BuildServiceProvider()
            .GetRequiredService<Serializer>());

    /// <summary>Options naming a fresh table and container, so that a test sees nothing another test stored.</summary>
    public static AzureTableGrainStorageOptions NewOptions(AzuriteFixture azurite, int sharedPartitions, int tables = 1) => new()
    {
        ConnectionString = azurite.ConnectionString,
        TableName = AzuriteFixture.UniqueName("state"),
        ContainerName = AzuriteFixture.UniqueName("state"),
        SharedPartitions = sharedPartitions,
        Tables = tables,
    };

    public static async Task<AzureTableGrainStorage> CreateAsync(AzureTableGrainStorageOptions options, string serviceId)
    {
        var storage = new AzureTableGrainStorage("test", serviceId, options, Serializer, NullLogger<AzureTableGrainStorage>.Instance);
        await storage.InitializeAsync(CancellationToken.None);
        return storage;
    }

    public static GrainId NewGrainId() => GrainId.Create("incident", Guid.NewGuid().ToString("N"));

    public static async Task<GrainState<TestState>> ReadAsync(AzureTableGrainStorage storage, GrainId grainId)
    {
        var state = new GrainState<TestState>();
        await storage.ReadStateAsync(StateName, grainId, state);
        return state;
    }

    public static async Task<int> CountBlobsAsync(AzureTableGrainStorageOptions options)
    {
        var container = new BlobContainerClient(options.ConnectionString, options.ContainerName);
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync())
        {
            count++;
        }
        return count;
    }
}
