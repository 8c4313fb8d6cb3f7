using System.Net;
using IncidentActors.Silo;
using IncidentActors.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace IncidentActors.Benchmarks;

/// <summary>
/// One silo in a process of its own, so that the failover benchmark can kill it with SIGKILL.
/// It runs the production Orleans configuration and reports every fire to the parent over HTTP.
/// </summary>
internal static class ChildSilo
{
    public static async Task<int> RunAsync(string connectionString, string serviceId, int siloPort, int gatewayPort, string? collectorUrl)
    {
        var builder = Host.CreateApplicationBuilder();
        // Probe failures after the kill are expected here; only errors are news.
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        if (collectorUrl is not null)
        {
            builder.Services.AddSingleton(new FireReporter(new Uri(collectorUrl)));
        }
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => { o.ServiceId = serviceId; o.ClusterId = serviceId; });
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort, listenOnAnyHostAddress: false);
            silo.UseIncidentActorsAzureStorage(connectionString, BenchStorage.GrainStorage);
            silo.AddIncidentActorsGrains("bench", new ConfigurationBuilder().AddInMemoryCollection(BenchTimelineKey.Setting).Build());
            silo.Configure<ClusterMembershipOptions>(FailureDetection.Configure);
            if (Environment.GetEnvironmentVariable("BENCH_GRAIN_DIRECTORY") == "distributed")
            {
                // Side by side with the default directory: whether survivors keep their activations when a silo dies.
#pragma warning disable ORLEANSEXP003
                silo.AddDistributedGrainDirectory();
#pragma warning restore ORLEANSEXP003
            }
        });
        await builder.Build().RunAsync();
        return 0;
    }

    /// <summary>
    /// Starts a child silo process running this benchmark's own executable, listening for silos on
    /// <paramref name="siloPort"/>; bench deadline owners in it report their fires to <paramref name="collectorUrl"/>.
    /// </summary>
    public static System.Diagnostics.Process Start(AzuriteFixture azurite, string serviceId, int siloPort, string? collectorUrl = null)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet",
        [
            typeof(ChildSilo).Assembly.Location, "silo", azurite.ConnectionString, serviceId,
            siloPort.ToString(), AzuriteFixture.FreeLoopbackPort().ToString(), .. collectorUrl is null ? Array.Empty<string>() : [collectorUrl],
            .. BenchStorage.Arguments,
        ]);
        return System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("The child silo did not start.");
    }
}
