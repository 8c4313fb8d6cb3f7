using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Silo;
using IncidentActors.Testing;
using IncidentActors.Tests.Incidents;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace IncidentActors.Tests.Cluster;

/// <summary>Clusters of real silos in this process, on the production Orleans configuration and Azurite.</summary>
internal static class TestClusters
{
    public const string Region = "emea";

    /// <param name="clock">
    /// Drives our grains' time and grain timers when given; membership, messaging and the other
    /// background loops stay on real time, so advancing it never fakes a silo's death.
    /// </param>
    /// <param name="configure">Anything a test adds to every silo: a recording event subscriber, a storage that fails on demand.</param>
    /// <param name="regionOf">The region of each silo, by its name; every silo is in <see cref="Region"/> when not given.</param>
    public static async Task<InProcessTestCluster> StartAsync(AzuriteFixture azurite, string serviceId, short silos = 3, TimeProvider? clock = null,
        Func<string, string>? regionOf = null, IReadOnlyDictionary<string, string?>? settings = null, Action<ISiloBuilder>? configure = null,
        GrainStorageProvider grainStorage = GrainStorageProvider.Grouped)
    {
        var builder = AzureTestClusters.CreateBuilder(silos, serviceId, azurite.ConnectionString);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{IncidentOptions.Section}:{nameof(IncidentOptions.RepeatFlushInterval)}"] = "00:00:00.200",
                // Tests page receivers on this machine, over plain HTTP.
                [$"{WebhookDeliveryOptions.Section}:{nameof(WebhookDeliveryOptions.AllowedInternalHosts)}:0"] = "127.0.0.1",
            })
            .AddInMemoryCollection(TimelineKeys.SiloSetting)
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        builder.ConfigureSilo((options, silo) =>
        {
            silo.UseIncidentActorsAzureStorage(azurite.ConnectionString, grainStorage);
            silo.AddIncidentActorsGrains(regionOf?.Invoke(options.SiloName) ?? Region, configuration);
            if (clock is not null)
            {
                silo.Services.AddSingleton(clock);
                silo.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            }
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    public static string NewServiceId() => AzuriteFixture.UniqueName("t");
}
