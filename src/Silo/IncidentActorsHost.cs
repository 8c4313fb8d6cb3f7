using IncidentActors.GrpcFrontend.Access;
using Microsoft.Extensions.Options;

namespace IncidentActors.Silo;

/// <summary>Builds the silo process: Orleans, the storage it runs on, and the co-hosted gRPC/HTTP frontend.</summary>
public static class IncidentActorsHost
{
    /// <param name="configure">Adds configuration or services before the host is built (tests, tools).</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        configure?.Invoke(builder);

        var silo = SettingsValidation.Read<SiloSettings>(builder.Configuration, SiloSettings.Section, SettingsValidation.Check);
        var storage = SettingsValidation.Read<StorageSettings>(builder.Configuration, StorageSettings.Section, SettingsValidation.Check);
        var api = SettingsValidation.Read<ApiSettings>(builder.Configuration, ApiSettings.Section, SettingsValidation.Check);
        var telemetry = SettingsValidation.Read<TelemetrySettings>(builder.Configuration, TelemetrySettings.Section, SettingsValidation.Check);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = silo.ShutdownTimeout);
        var account = storage.Mode == StorageMode.AzureStorage ? storage.Account() : null;
        builder.AddIncidentActorsSilo(silo, storage, account);
        builder.AddIncidentActorsApi(api, account);
        builder.AddIncidentActorsTelemetry(telemetry, silo);

        var app = builder.Build();
        app.MapIncidentActorsApi(api);
        app.MapIncidentActorsMetrics();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IncidentActors");
        if (storage.Mode == StorageMode.InMemory)
        {
            logger.LogWarning("IN-MEMORY MODE, for experiments only: incidents, membership and reminders are lost when this process exits");
        }
        var scheme = api.UsesTls ? "https" : "http";
        logger.LogInformation("Silo of region {Region}, cluster {ClusterId}: gRPC on {Scheme}://{Address}:{GrpcPort} (HTTP/2), the HTTP/JSON API (/openapi/v1.json), webhooks, /healthz/live, /healthz/ready and /metrics on {Scheme}://{Address}:{HttpPort}",
            silo.Region, silo.ClusterId, scheme, api.ListenAddress, api.GrpcPort, scheme, api.ListenAddress, api.HttpPort);
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Development.Enabled)
        {
            logger.LogWarning("Development tokens are issued to loopback callers: TOKEN=$(curl -s -X POST '{Scheme}://{Address}:{HttpPort}/dev/token?sub=admin') " +
                "then grpcurl -plaintext -H \"authorization: Bearer $TOKEN\" ...; org admins by setting: {OrgAdmins}",
                scheme, api.ListenAddress, api.HttpPort, string.Join(", ", auth.OrgAdmins));
        }
        else if (auth.Authority is null && auth.SigningKeys.Count == 0)
        {
            logger.LogWarning("No token issuer is configured ({Section}): only integration keys and vendor keys can call; every person is refused", AuthOptions.Section);
        }
        return app;
    }
}
