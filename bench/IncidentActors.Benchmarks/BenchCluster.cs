using IncidentActors.Silo;
using IncidentActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;

namespace IncidentActors.Benchmarks;

/// <summary>A cluster of silos in this process on the production configuration, over a private Azurite.</summary>
internal static class BenchCluster
{
    public static async Task<InProcessTestCluster> StartAsync(AzuriteFixture azurite, short silos)
    {
        var serviceId = AzuriteFixture.UniqueName("bench");
        var builder = AzureTestClusters.CreateBuilder(silos, serviceId, azurite.ConnectionString);
        builder.Options.ConfigureFileLogging = false;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(BenchTimelineKey.Setting).Build();
        builder.ConfigureSilo((_, silo) =>
        {
            silo.UseIncidentActorsAzureStorage(azurite.ConnectionString, BenchStorage.GrainStorage);
            silo.AddIncidentActorsGrains("bench", configuration);
        });
        builder.ConfigureSiloHost((_, host) => host.Logging.SetMinimumLevel(LogLevel.Warning));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
