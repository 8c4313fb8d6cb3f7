using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>One silo for the telemetry tests, keeping every span its tracer provider ends.</summary>
public sealed class TelemetrySilo(AzuriteFixture azurite) : IAsyncLifetime
{
    internal RunningSilo Silo { get; private set; } = null!;

    internal ConcurrentQueue<Activity> Spans { get; } = new();

    public async Task InitializeAsync() =>
        Silo = await RunningSilo.StartAsync(azurite, configure: builder =>
            builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new SpanRecorder(Spans))));

    public async Task DisposeAsync() => await Silo.DisposeAsync();

    private sealed class SpanRecorder(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}

/// <summary>
/// The silo's telemetry seen from outside: the Prometheus scrape endpoint behind the operators' door, a real Prometheus
/// scraping it, and one trace from a gRPC request through the grain calls it causes.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryApiTests(TelemetrySilo telemetry) : IClassFixture<TelemetrySilo>
{
    private RunningSilo Silo => telemetry.Silo;

    [Fact]
    public async Task IncidentResolvedOverGrpcShowsOnMetricsWithItsTimesToAcknowledgeAndResolve()
    {
        var unit = AzuriteFixture.UniqueName("unit");

        await RespondToNewIncidentAsync(unit, resolve: true);

        var scrape = await Eventually.Get(() => Silo.Http.GetStringAsync("/metrics"),
            text => Value(text, "incidentactors_incident_time_to_resolve_seconds_count", ("business_unit", unit)) == 1, what: "the resolution on /metrics");
        Assert.Equal(1, Value(scrape, "incidentactors_intake_alerts_total", ("disposition", "opened"), ("business_unit", unit)));
        Assert.Equal(1, Value(scrape, "incidentactors_incident_opened_total", ("severity", "sev1"), ("business_unit", unit)));
        Assert.Equal(1, Value(scrape, "incidentactors_incident_time_to_acknowledge_seconds_count", ("severity", "sev1"), ("business_unit", unit)));
        Assert.Equal(1, Value(scrape, "incidentactors_incident_time_to_acknowledge_seconds_bucket", ("business_unit", unit), ("le", "+Inf")));
        // Orleans', ASP.NET Core's and Kestrel's meters are exported beside ours.
        Assert.Contains(Names(scrape), name => name.StartsWith("orleans_", StringComparison.Ordinal));
        Assert.Contains("http_server_request_duration_seconds_count", Names(scrape));
        Assert.Contains("kestrel_active_connections", Names(scrape));
    }

    [Fact]
    public async Task MetricsAnswerOrgAdminsAndAuditorsAndRefuseTheAnonymousAndOtherRoles()
    {
        var access = new Api.V1.Access.AccessClient(Silo.Channel);
        await access.GrantRoleAsync(new RoleGrantRequest { PrincipalId = "metrics-auditor", Grant = new RoleGrant { Role = Role.Auditor } });
        await access.GrantRoleAsync(new RoleGrantRequest
        {
            PrincipalId = "metrics-responder", Grant = new RoleGrant { Role = Role.Responder, BusinessUnitId = AzuriteFixture.UniqueName("unit") },
        });

        Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(TestTokens.For(TestTokens.Admin)));
        Assert.Equal(HttpStatusCode.OK, await ScrapeAsync(TestTokens.For("metrics-auditor")));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, await ScrapeAsync(TestTokens.For(TestTokens.Admin, key: new byte[32])));
        Assert.Equal(HttpStatusCode.Forbidden, await ScrapeAsync(TestTokens.For("metrics-responder")));
    }

    [Fact]
    public async Task GrpcRequestAndTheGrainCallsItCausesShareOneTrace()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        var incidentId = await Silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), unit, "disk", "Disk full");
        var trace = ActivityTraceId.CreateRandom();

        await new Api.V1.Incidents.IncidentsClient(Silo.Channel).AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = incidentId },
            new Metadata { { "traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01" } });

        // ASP.NET Core's span ends after the answer went out: waited for, not expected at once.
        var spans = await Eventually.Get(() => Task.FromResult(telemetry.Spans.Where(s => s.TraceId == trace).ToList()),
            found => found.Exists(IsRequestSpan), what: "the request's server span");
        var request = Assert.Single(spans, IsRequestSpan);
        Assert.Equal("/incidentactors.v1.Incidents/AcknowledgeIncident", request.GetTagItem("http.route"));
        Assert.Contains(spans, s => s.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && s.DisplayName == "IIncidentGrain/Acknowledge");
        // Calls the incident makes, to its deadline shard, carry the trace on.
        Assert.Contains(spans, s => s.Source.Name == ActivitySources.ApplicationGrainActivitySourceName && s.DisplayName == "IDeadlineShardGrain/Disarm");

        static bool IsRequestSpan(Activity span) => span.Source.Name == "Microsoft.AspNetCore" && span.Kind == ActivityKind.Server;
    }

    [Fact]
    public async Task RealPrometheusScrapesTheTimeToAcknowledgeOfTheUnit()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await RespondToNewIncidentAsync(unit, resolve: false);

        await using var prometheus = await PrometheusProcess.StartAsync(Silo.Http.BaseAddress!.Authority, "/metrics", TestTokens.For(TestTokens.Admin));

        var acknowledged = await Eventually.Get(
            () => prometheus.QueryAsync($"sum(incidentactors_incident_time_to_acknowledge_seconds_count{{business_unit=\"{unit}\"}})"),
            values => values is [>= 1], TimeSpan.FromSeconds(60), "Prometheus to scrape the unit's time to acknowledge");
        Assert.Equal([1.0], acknowledged);
    }

    /// <summary>Opens a critical incident in the unit over gRPC and acknowledges it, then resolves it if asked.</summary>
    private async Task RespondToNewIncidentAsync(string unit, bool resolve)
    {
        var incidentId = await Silo.OpenIncidentAsync(AzuriteFixture.UniqueName("svc"), unit, "disk", "Disk full", AlertSeverity.Critical);
        var incidents = new Api.V1.Incidents.IncidentsClient(Silo.Channel);
        await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = incidentId });
        if (resolve)
        {
            await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = incidentId });
        }
    }

    private async Task<HttpStatusCode> ScrapeAsync(string? token)
    {
        using var client = new HttpClient { BaseAddress = Silo.Http.BaseAddress };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        }
        return (await client.GetAsync("/metrics")).StatusCode;
    }

    private static readonly Regex Sample = new(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>\S+)", RegexOptions.Multiline);
    private static readonly Regex Label = new("(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"");

    private static IEnumerable<string> Names(string scrape) => Sample.Matches(scrape).Select(m => m.Groups["name"].Value).Distinct();

    /// <summary>The sum of the samples of the metric whose labels include all those given; null when there is none.</summary>
    private static double? Value(string scrape, string name, params (string Key, string Value)[] labels)
    {
        var values = Sample.Matches(scrape)
            .Where(m => m.Groups["name"].Value == name)
            .Where(m => labels.All(l => Label.Matches(m.Groups["labels"].Value).Any(found => found.Groups["key"].Value == l.Key && found.Groups["value"].Value == l.Value)))
            .Select(m => double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
        return values.Count == 0 ? null : values.Sum();
    }
}
