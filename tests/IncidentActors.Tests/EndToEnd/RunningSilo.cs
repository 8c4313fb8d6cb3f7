using System.Collections.Concurrent;
using Grpc.Core;
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

    private readonly ConcurrentDictionary<string, Task> _people = new(StringComparer.Ordinal);

    private RunningSilo(WebApplication app, int grpcPort, int httpPort)
    {
        _app = app;
        GrpcAddress = $"http://127.0.0.1:{grpcPort}";
        Channel = ChannelFor(TestTokens.For(TestTokens.Admin));
        Anonymous = GrpcChannel.ForAddress(GrpcAddress);
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Http.DefaultRequestHeaders.Authorization = new("Bearer", TestTokens.For(TestTokens.Admin));
    }

    public string GrpcAddress { get; }

    /// <summary>Calls as <see cref="TestTokens.Admin"/>, an org admin.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Calls with no credentials at all.</summary>
    public GrpcChannel Anonymous { get; }

    /// <summary>Posts as <see cref="TestTokens.Admin"/>.</summary>
    public HttpClient Http { get; }

    /// <summary>Every endpoint the silo maps.</summary>
    public IEnumerable<Microsoft.AspNetCore.Http.Endpoint> Endpoints =>
        _app.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints;

    /// <summary>The silo's own grain factory: calls that reach grains without passing the gRPC door.</summary>
    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>A channel whose calls carry <paramref name="token"/>, unless a call brings its own authorization header.</summary>
    public GrpcChannel ChannelFor(string token) => GrpcChannel.ForAddress(GrpcAddress, new GrpcChannelOptions
    {
        HttpHandler = new DefaultAuthorization(token) { InnerHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true } },
    });

    private sealed class DefaultAuthorization(string token) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!request.Headers.Contains("authorization"))
            {
                request.Headers.Authorization = new("Bearer", token);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Headers of a call made by <paramref name="person"/>, who holds the commander role organisation-wide.</summary>
    public async Task<Metadata> As(string person)
    {
        await _people.GetOrAdd(person, id => new Api.V1.Access.AccessClient(Channel).GrantRoleAsync(new Api.V1.RoleGrantRequest
        {
            PrincipalId = id, Grant = new Api.V1.RoleGrant { Role = Api.V1.Role.Commander },
        }).ResponseAsync);
        return new Metadata { { "authorization", $"Bearer {TestTokens.For(person)}" } };
    }

    /// <summary>Grants <paramref name="role"/> in <paramref name="unit"/> (organisation-wide when empty), as the org admin.</summary>
    public async Task GrantAsync(string person, Api.V1.Role role, string unit) =>
        await new Api.V1.Access.AccessClient(Channel).GrantRoleAsync(new Api.V1.RoleGrantRequest
        {
            PrincipalId = person, Grant = new Api.V1.RoleGrant { Role = role, BusinessUnitId = unit },
        });

    /// <summary>A new integration key of the unit, limited to <paramref name="serviceIds"/> when any are named.</summary>
    public async Task<string> IntegrationKeyAsync(string businessUnitId, params string[] serviceIds) =>
        (await new Api.V1.Access.AccessClient(Channel).IssueIntegrationKeyAsync(new Api.V1.IssueIntegrationKeyRequest
        {
            Name = "test", BusinessUnitId = businessUnitId, ServiceIds = { serviceIds },
        })).Secret;

    /// <summary>The silo's services, for tests that reach past the API (its grain storage, as an attacker would).</summary>
    public IServiceProvider Services => _app.Services;

    /// <param name="clock">Drives the grains' time and timers when given; membership and messaging stay on real time.</param>
    /// <param name="settings">Configuration on top of what every test silo gets.</param>
    /// <param name="configure">Services a test adds to the host, e.g. a recorder of the spans it exports.</param>
    public static async Task<RunningSilo> StartAsync(AzuriteFixture azurite, TimeProvider? clock = null, IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null)
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
                // Tests page receivers on this machine, over plain HTTP.
                ["IncidentActors:Webhooks:AllowedInternalHosts:0"] = "127.0.0.1",
            });
            builder.Configuration.AddInMemoryCollection(TestTokens.SiloSettings);
            builder.Configuration.AddInMemoryCollection(TimelineKeys.SiloSetting);
            builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
                builder.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            }
            configure?.Invoke(builder);
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
        Anonymous.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
