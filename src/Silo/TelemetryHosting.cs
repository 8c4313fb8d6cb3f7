using IncidentActors.BusinessUnits;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Metrics;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;

namespace IncidentActors.Silo;

/// <summary>
/// OpenTelemetry for the silo: our meters, Orleans', ASP.NET Core's and Kestrel's on the <c>/metrics</c> scrape endpoint
/// (and OTLP when configured), and traces from each request through the grain calls it causes.
/// </summary>
internal static class TelemetryHosting
{
    public const string ScrapePath = "/metrics";

    /// <summary>The meter Orleans 10 creates its runtime instruments on (OrleansInstruments names no constant for it).</summary>
    public const string OrleansMeterName = "Microsoft.Orleans";

    /// <summary>The .NET runtime's own meter: garbage collection, thread pool, CPU and memory of the process.</summary>
    private const string RuntimeMeterName = "System.Runtime";

    public static WebApplicationBuilder AddIncidentActorsTelemetry(this WebApplicationBuilder builder, TelemetrySettings telemetry, SiloSettings silo)
    {
        var otlp = telemetry.OtlpEndpoint is { } endpoint ? new Uri(endpoint) : null;
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService("incidentactors", serviceNamespace: silo.ServiceId, serviceInstanceId: $"{silo.AdvertisedAddress}:{silo.SiloPort}")
                .AddAttributes([new("cloud.region", silo.Region)]))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(IncidentActorsMetrics.MeterName, AlertClassification.MeterName, OrleansMeterName, RuntimeMeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => UseCollector(o, otlp));
                }
            })
            .WithTracing(tracing =>
            {
                // Grain calls and their storage; Orleans' runtime source would add every membership probe and reminder tick.
                tracing.AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.StorageActivitySourceName)
                    // Scrapes and probes arrive every few seconds and say nothing about incidents.
                    .AddAspNetCoreInstrumentation(o => o.Filter = http =>
                        !http.Request.Path.StartsWithSegments(ScrapePath) && !http.Request.Path.StartsWithSegments(ApiHosting.HealthPath));
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => UseCollector(o, otlp));
                }
            });
        return builder;
    }

    /// <summary>The scrape endpoint, behind the operators' door: only org admins and auditors read what the whole organisation does.</summary>
    public static WebApplication MapIncidentActorsMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(ScrapePath, meterProvider: null, configureBranchedPipeline: branch => branch.UseOperatorAccess(), optionsName: null);
        return app;
    }

    // OTLP over gRPC to the endpoint as given; over HTTP the exporter would append a path per signal only to a URL it read itself.
    private static void UseCollector(OtlpExporterOptions options, Uri endpoint)
    {
        options.Endpoint = endpoint;
        options.Protocol = OtlpExportProtocol.Grpc;
    }
}
