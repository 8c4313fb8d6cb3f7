using System.Net;
using IncidentActors.GrpcFrontend;
using IncidentActors.GrpcFrontend.Access;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IncidentActors.Silo;

internal static class ApiHosting
{
    public const string HealthPath = "/healthz";

    public static WebApplicationBuilder AddIncidentActorsApi(this WebApplicationBuilder builder, ApiSettings api)
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
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }

    public static WebApplication MapIncidentActorsApi(this WebApplication app)
    {
        app.UseIncidentAccess();
        app.MapIncidentApi();
        app.MapHealthChecks(HealthPath);
        return app;
    }
}
