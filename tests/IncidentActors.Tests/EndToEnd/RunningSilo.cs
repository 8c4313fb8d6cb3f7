using Grpc.Net.Client;
using IncidentActors.Silo;
using IncidentActors.Testing;
using IncidentActors.Tests.Incidents;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>The real silo process, built by the production host on free loopback ports over the shared Azurite.</summary>
internal sealed class RunningSilo : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSilo(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        Channel = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
    }

    public GrpcChannel Channel { get; }

    public HttpClient Http { get; }

    /// <summary>The silo's services, for tests that reach past the API (its grain storage, as an attacker would).</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="clock">Drives the grains' time and timers when given; membership and messaging stay on real time.</param>
    /// <param name="settings">Configuration on top of what every test silo gets.</param>
    public static async Task<RunningSilo> StartAsync(AzuriteFixture azurite, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var serviceId = AzuriteFixture.UniqueName("e");
        int grpcPort = AzuriteFixture.FreeLoopbackPort(), httpPort = AzuriteFixture.FreeLoopbackPort();
        var app = IncidentActorsHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["IncidentActors:Silo:Region"] = "emea",
                ["IncidentActors:Silo:ClusterId"] = serviceId,
                ["IncidentActors:Silo:ServiceId"] = serviceId,
                ["IncidentActors:Silo:SiloPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
                ["IncidentActors:Silo:GatewayPort"] = AzuriteFixture.FreeLoopbackPort().ToString(),
                ["IncidentActors:Storage:ConnectionString"] = azurite.ConnectionString,
                ["IncidentActors:Api:GrpcPort"] = grpcPort.ToString(),
                ["IncidentActors:Api:HttpPort"] = httpPort.ToString(),
            });
            builder.Configuration.AddInMemoryCollection(TimelineKeys.SiloSetting);
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
                builder.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            }
        });
        await app.StartAsync();
        return new RunningSilo(app, grpcPort, httpPort);
    }

    /// <summary>Registers the service (again, harmlessly) and opens an incident on it over gRPC; returns the incident's id.</summary>
    public async Task<string> OpenIncidentAsync(string serviceId, string businessUnitId, string dedupKey, string summary,
        Api.V1.AlertSeverity severity = Api.V1.AlertSeverity.Error)
    {
        await new Api.V1.ServiceCatalog.ServiceCatalogClient(Channel).RegisterServiceAsync(new Api.V1.RegisterServiceRequest
        {
            Id = serviceId, Name = serviceId, OwnerTeam = "sre", BusinessUnitId = businessUnitId,
        });
        var opened = await new Api.V1.AlertIntake.AlertIntakeClient(Channel).SendAlertAsync(new Api.V1.AlertEvent
        {
            ServiceId = serviceId, Action = Api.V1.AlertAction.Trigger, DedupKey = dedupKey, Summary = summary, Source = "prometheus", Severity = severity,
        });
        return opened.IncidentId;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        Channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
