namespace IncidentActors.Silo;

/// <summary>Where this silo's metrics and traces go beyond its own <c>/metrics</c> scrape endpoint. Section <c>IncidentActors:Telemetry</c>.</summary>
public sealed class TelemetrySettings
{
    public const string Section = "IncidentActors:Telemetry";

    /// <summary>
    /// An OpenTelemetry collector's OTLP/gRPC endpoint (e.g. http://otel-collector:4317): when set, traces and metrics are
    /// also pushed there. Headers, timeouts and sampling follow OpenTelemetry's own OTEL_* environment variables.
    /// </summary>
    public string? OtlpEndpoint { get; set; }
}
