using System.Net;
using Grpc.Net.Client;
using IncidentActors.Silo;
using IncidentActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Benchmarks;

/// <summary>One IncidentActors silo with its co-hosted gRPC and HTTP frontend, as <c>deploy/run.sh</c> starts it, in this process.</summary>
internal sealed class BenchSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchSilo(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        Channel = BenchClients.Channel(grpcPort);
        Http = BenchClients.Http(httpPort);
    }

    public GrpcChannel Channel { get; }

    public HttpClient Http { get; }

    /// <param name="connectionString">Azure Storage (Azurite) to keep state in; null for the in-memory mode.</param>
    public static async Task<BenchSilo> StartAsync(string? connectionString)
    {
        var id = AzuriteFixture.UniqueName("ingest");
        int grpcPort = AzuriteFixture.FreeLoopbackPort(), httpPort = AzuriteFixture.FreeLoopbackPort();
        var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IncidentActors:Silo:Region"] = "bench",
                ["IncidentActors:Silo:ClusterId"] = id,
                ["IncidentActors:Silo:ServiceId"] = id,
                ["IncidentActors:Silo:SiloPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
                ["IncidentActors:Silo:GatewayPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
                ["IncidentActors:Storage:Mode"] = connectionString is null ? "InMemory" : "AzureStorage",
                ["IncidentActors:Storage:ConnectionString"] = connectionString ?? "",
                ["IncidentActors:Storage:GrainStorage"] = BenchStorage.GrainStorage.ToString(),
                ["IncidentActors:Api:GrpcPort"] = grpcPort.ToString(),
                ["IncidentActors:Api:HttpPort"] = httpPort.ToString(),
                // The benchmark measures intake, not its rate limit.
                ["IncidentActors:Intake:AlertsPerSecond"] = "100000000",
                ["IncidentActors:Intake:Burst"] = "100000000",
            });
            builder.Configuration.AddInMemoryCollection(BenchTimelineKey.Setting);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        await app.StartAsync();
        return new BenchSilo(app, grpcPort, httpPort);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class BenchClients
{
    /// <summary>Several HTTP/2 connections, so that 64 callers are not queued behind one connection's stream limit.</summary>
    public static GrpcChannel Channel(int port) => GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true },
    });

    public static HttpClient Http(int port) => new(new SocketsHttpHandler { MaxConnectionsPerServer = 64 })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
    };
}
