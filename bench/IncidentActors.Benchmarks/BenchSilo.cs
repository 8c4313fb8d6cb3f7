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

    private BenchSilo(WebApplication app, GrpcChannel channel, GrpcChannel intake, HttpClient http, int httpPort)
    {
        _app = app;
        HttpPort = httpPort;
        Channel = channel;
        Intake = intake;
        Http = http;
    }

    /// <summary>Calls as an org admin, for setting up and watching.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Calls with the bench unit's integration key, as alert sources do.</summary>
    public GrpcChannel Intake { get; }

    /// <summary>Posts webhooks with the bench unit's integration key.</summary>
    public HttpClient Http { get; }

    public int HttpPort { get; }

    /// <summary>The silo's own grain factory, for loading state without going through the API.</summary>
    public IGrainFactory Grains => (IGrainFactory)_app.Services.GetService(typeof(IGrainFactory))!;

    /// <param name="connectionString">Azure Storage (Azurite) to keep state in; null for the in-memory mode.</param>
    /// <param name="map">Endpoints a benchmark adds beside the API, e.g. a static file to compare with.</param>
    public static async Task<BenchSilo> StartAsync(string? connectionString, Action<WebApplication>? map = null)
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
                ["IncidentActors:Auth:Development:Enabled"] = "true",
                ["IncidentActors:Auth:OrgAdmins:0"] = "bench",
                // The benchmark measures intake, not its rate limit.
                ["IncidentActors:Intake:AlertsPerSecond"] = "100000000",
                ["IncidentActors:Intake:Burst"] = "100000000",
            });
            builder.Configuration.AddInMemoryCollection(BenchTimelineKey.Setting);
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        });
        map?.Invoke(app);
        await app.StartAsync();
        using var issuer = BenchClients.Http(httpPort, null);
        var token = await (await issuer.PostAsync("/dev/token?sub=bench", null)).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var channel = BenchClients.Channel(grpcPort, token);
        var key = await new Api.V1.Access.AccessClient(channel).IssueIntegrationKeyAsync(
            new Api.V1.IssueIntegrationKeyRequest { Name = "bench", BusinessUnitId = BusinessUnit });
        return new BenchSilo(app, channel, BenchClients.Channel(grpcPort, key.Secret), BenchClients.Http(httpPort, key.Secret), httpPort);
    }

    public const string BusinessUnit = "bench";

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        Intake.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal static class BenchClients
{
    /// <summary>Several HTTP/2 connections, so that 64 callers are not queued behind one connection's stream limit.</summary>
    public static GrpcChannel Channel(int port, string? bearer = null) => GrpcChannel.ForAddress($"http://127.0.0.1:{port}", new GrpcChannelOptions
    {
        HttpHandler = new Authorizing(bearer) { InnerHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } },
    });

    public static HttpClient Http(int port, string? bearer = null) => new(new Authorizing(bearer) { InnerHandler = new SocketsHttpHandler { MaxConnectionsPerServer = 64 } })
    {
        BaseAddress = new Uri($"http://127.0.0.1:{port}"),
    };

    private sealed class Authorizing(string? bearer) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (bearer is not null)
            {
                request.Headers.Authorization = new("Bearer", bearer);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
