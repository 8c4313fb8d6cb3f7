using Azure.Data.Tables;
using IncidentActors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace IncidentActors.Benchmarks;

/// <summary>An Orleans client of the child silos, finding them through the membership table in Azure Storage.</summary>
internal sealed class BenchClient(IHost host) : IAsyncDisposable
{
    public IGrainFactory Grains { get; } = host.Services.GetRequiredService<IClusterClient>();

    public static async Task<BenchClient> ConnectAsync(AzuriteFixture azurite, string serviceId, int expectedSilos)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => { o.ServiceId = serviceId; o.ClusterId = serviceId; })
            .UseAzureStorageClustering(o => o.TableServiceClient = new TableServiceClient(azurite.ConnectionString))
            .AddActivityPropagation());
        var host = builder.Build();
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                await host.StartAsync();
                break;
            }
            catch (Exception) when (DateTimeOffset.UtcNow < deadline)
            {
                // The silos are still starting: their gateways are not in the table yet.
                await Task.Delay(500);
            }
        }
        var management = host.Services.GetRequiredService<IClusterClient>().GetGrain<IManagementGrain>(0);
        while ((await management.GetHosts(onlyActive: true)).Count < expectedSilos)
        {
            await Task.Delay(250);
        }
        return new BenchClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
