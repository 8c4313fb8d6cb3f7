using System.Net;
using IncidentActors.GrpcFrontend;
using IncidentActors.GrpcFrontend.Access;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace IncidentActors.Silo;

internal static class ApiHosting
{
    public static WebApplicationBuilder AddIncidentActorsApi(this WebApplicationBuilder builder, ApiSettings api)
    {
        var address = IPAddress.Parse(api.ListenAddress);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, api.GrpcPort, listen => listen.Protocols = HttpProtocols.Http2);
            kestrel.Listen(address, api.HttpPort, listen => listen.Protocols = HttpProtocols.Http1);
        });
        builder.Services.AddIncidentApi(builder.Configuration);
        builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        return builder;
    }

    public static WebApplication MapIncidentActorsApi(this WebApplication app)
    {
        app.UseIncidentAccess();
        app.MapIncidentApi();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
