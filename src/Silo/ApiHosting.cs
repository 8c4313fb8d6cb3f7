using System.Net;
using IncidentActors.AzureStorage;
using IncidentActors.GrpcFrontend;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.GrpcFrontend.HttpApi;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IncidentActors.Silo;

internal static class ApiHosting
{
    /// <summary>Ready (below); kept for probes written before live and ready were apart.</summary>
    public const string HealthPath = "/healthz";

    /// <summary>Answers while the process serves requests: a failing liveness probe restarts it, which a storage outage must not.</summary>
    public const string LivePath = "/healthz/live";

    /// <summary>Whether to send it traffic: an active cluster member whose storage answers.</summary>
    public const string ReadyPath = "/healthz/ready";

    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddIncidentActorsApi(this WebApplicationBuilder builder, ApiSettings api, StorageAccount? account)
    {
        var address = IPAddress.Parse(api.ListenAddress);
        var certificate = api.LoadCertificate();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Set here rather than left to Kestrel's defaults, which are looser, so that a version change cannot widen them.
            kestrel.Limits.MaxRequestBodySize = IncidentApiRegistration.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeaderCount = IncidentApiRegistration.MaxRequestHeaderCount;
            kestrel.Limits.MaxRequestHeadersTotalSize = IncidentApiRegistration.MaxRequestHeadersTotalBytes;
            kestrel.Limits.MaxRequestLineSize = IncidentApiRegistration.MaxRequestHeaderFieldBytes;
            kestrel.Limits.Http2.MaxRequestHeaderFieldSize = IncidentApiRegistration.MaxRequestHeaderFieldBytes;
            kestrel.Listen(address, api.GrpcPort, listen => Configure(listen, HttpProtocols.Http2));
            kestrel.Listen(address, api.HttpPort, listen => Configure(listen, HttpProtocols.Http1));

            void Configure(ListenOptions listen, HttpProtocols protocols)
            {
                listen.Protocols = protocols;
                if (certificate is not null)
                {
                    listen.UseHttps(certificate);
                }
            }
        });
        builder.Services.AddIncidentApi(builder.Configuration);
        builder.AddIncidentActorsDashboard(api);
        var health = builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag]);
        if (account is not null)
        {
            health.AddCheck("storage", new StorageHealthCheck(account.Tables), tags: [ReadyTag]);
        }
        return builder;
    }

    public static WebApplication MapIncidentActorsApi(this WebApplication app, ApiSettings api)
    {
        app.UseIncidentAccess();
        app.MapIncidentApi();
        app.MapHttpApiDocument();
        app.MapIncidentActorsDashboard(api);
        var ready = new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) };
        app.MapHealthChecks(HealthPath, ready);
        app.MapHealthChecks(ReadyPath, ready);
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false });
        return app;
    }
}
