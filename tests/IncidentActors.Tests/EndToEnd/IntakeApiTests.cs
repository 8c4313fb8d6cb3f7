using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Batched intake, rate limits, correlation, maintenance, heartbeats and classification over real gRPC and HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntakeApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    private ServiceCatalog.ServiceCatalogClient Catalog => new(_silo.Channel);
    private AlertIntake.AlertIntakeClient Alerts => new(_silo.Channel);
    private Api.V1.Incidents.IncidentsClient Incidents => new(_silo.Channel);

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task ABatchSpanningServicesIsCheckedWholeThenApplied()
    {
        await Register("cart");
        await Register("payments");

        var bad = await Assert.ThrowsAsync<RpcException>(() => Alerts.SendAlertBatchAsync(new AlertBatch
        {
            Alerts = { Trigger("cart", "ok"), Trigger("payments", "wrong-env", environment: "staging") },
        }).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => Alerts.SendAlertBatchAsync(new AlertBatch
        {
            Alerts = { Trigger("cart", "ok"), Trigger("nowhere", "x") },
        }).ResponseAsync);
        var applied = await Alerts.SendAlertBatchAsync(new AlertBatch
        {
            Alerts = { Trigger("cart", "a"), Trigger("payments", "b"), Trigger("cart", "a") },
        });

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("alerts[1].environment", Assert.Single(Violations(bad)).Field);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(AlertDisposition.NoOpenIncident, (await Alerts.SendAlertAsync(Resolve("cart", "ok"))).Disposition);
        Assert.Equal([AlertDisposition.Opened, AlertDisposition.Opened, AlertDisposition.Deduplicated], applied.Items.Select(i => i.Result.Disposition));
        Assert.All(applied.Items, item => Assert.Null(item.RetryAfter));
        var incident = await Incidents.GetIncidentAsync(new GetIncidentRequest { Id = applied.Items[0].Result.IncidentId });
        Assert.Equal((2, "production", "sre"), (incident.AlertCount, incident.Environment, incident.Owner));
    }

    [Fact]
    public async Task ExcessAlertsAreRefusedWithWhenToRetryAndNothingAcceptedIsDropped()
    {
        await using var limited = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
        {
            ["IncidentActors:Intake:AlertsPerSecond"] = "0.01",
            ["IncidentActors:Intake:Burst"] = "3",
        });
        var catalog = new ServiceCatalog.ServiceCatalogClient(limited.Channel);
        var alerts = new AlertIntake.AlertIntakeClient(limited.Channel);
        foreach (var id in new[] { "single", "batched", "webhooked" })
        {
            // Alertmanager's alerts one by one, so that the limit can take the head of the notification.
            await catalog.RegisterServiceAsync(new RegisterServiceRequest
            {
                Id = id, Name = id, OwnerTeam = "sre", BusinessUnitId = "retail", Grouping = new AlertGrouping { IncidentPerAlert = true },
            });
        }

        for (var i = 0; i < 3; i++)
        {
            await alerts.SendAlertAsync(Trigger("single", "k"));
        }
        var refused = await Assert.ThrowsAsync<RpcException>(() => alerts.SendAlertAsync(Trigger("single", "k")).ResponseAsync);
        var batch = await alerts.SendAlertBatchAsync(new AlertBatch { Alerts = { Enumerable.Range(0, 5).Select(i => Trigger("batched", $"k{i}")) } });
        using var webhook = await limited.Http.PostAsync("/v1/webhooks/alertmanager/webhooked",
            new StringContent(AlertmanagerNotification(5), Encoding.UTF8, "application/json"));
        var body = await webhook.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Equal("100", refused.Trailers.GetValue("retry-after"));
        var retryInfo = Google.Rpc.Status.Parser.ParseFrom(refused.Trailers.GetValueBytes("grpc-status-details-bin")).Details.Single().Unpack<RetryInfo>();
        // One token per 100 s, less the moment since the bucket emptied.
        Assert.InRange(retryInfo.RetryDelay.ToTimeSpan(), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100));
        Assert.Equal([true, true, true, false, false], batch.Items.Select(i => i.Result is not null));
        Assert.All(batch.Items.Skip(3), i => Assert.InRange(i.RetryAfter.ToTimeSpan(), TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(100)));
        Assert.Equal((HttpStatusCode)429, webhook.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(100), webhook.Headers.RetryAfter?.Delta);
        Assert.Equal(3, body.GetProperty("alerts").GetArrayLength());
        // What was accepted stays applied: the refused repeat did not count.
        var single = await alerts.SendAlertBatchAsync(new AlertBatch { Alerts = { Resolve("single", "k") } });
        Assert.NotNull(single.Items[0].RetryAfter);
    }

    [Fact]
    public async Task AnAlertDownstreamOfAnOpenIncidentIsItsSymptom()
    {
        await Register("db");
        var api = await Catalog.RegisterServiceAsync(new RegisterServiceRequest
        {
            Id = "api", Name = "API", OwnerTeam = "api-team", BusinessUnitId = "retail", DependsOn = { "db" }, Impact = BusinessImpact.Significant,
            Grouping = new AlertGrouping { By = { "component" }, Window = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) },
        });

        var root = await Alerts.SendAlertAsync(Trigger("db", "primary-down"));
        var symptom = await Alerts.SendAlertAsync(Trigger("api", "5xx"));
        var db = await Catalog.GetServiceAsync(new GetServiceRequest { Id = "db" });
        var incident = await Incidents.GetIncidentAsync(new GetIncidentRequest { Id = root.IncidentId });

        Assert.Equal(["db"], api.DependsOn);
        Assert.Equal((BusinessImpact.Significant, "production"), (api.Impact, api.Environment));
        Assert.Equal(["component"], api.Grouping.By);
        Assert.Equal(["api"], db.Dependents);
        Assert.Equal((AlertDisposition.Symptom, root.IncidentId), (symptom.Disposition, symptom.IncidentId));
        Assert.Equal(("api", 1), (incident.Symptoms.Single().ServiceId, incident.Symptoms.Single().AlertCount));
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.SymptomAttached);
    }

    [Fact]
    public async Task MaintenanceWindowsAndHeartbeatsAreManagedOnTheService()
    {
        await Register("batch-jobs");
        var now = DateTimeOffset.UtcNow;

        var bad = await Assert.ThrowsAsync<RpcException>(() => Catalog.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            ServiceId = "batch-jobs",
            Window = new MaintenanceWindow { Id = "w1", Start = Timestamp.FromDateTimeOffset(now), End = Timestamp.FromDateTimeOffset(now.AddHours(-1)), Reason = "x", ScheduledBy = "ops" },
        }).ResponseAsync);
        var scheduled = await Catalog.ScheduleMaintenanceAsync(new ScheduleMaintenanceRequest
        {
            ServiceId = "batch-jobs",
            Window = new MaintenanceWindow { Id = "w1", Start = Timestamp.FromDateTimeOffset(now.AddMinutes(-1)), End = Timestamp.FromDateTimeOffset(now.AddHours(1)), Reason = "Upgrade", ScheduledBy = "ops" },
        });
        var warning = await Alerts.SendAlertAsync(Trigger("batch-jobs", "slow", AlertSeverity.Warning));
        var critical = await Alerts.SendAlertAsync(Trigger("batch-jobs", "down"));
        var monitored = await Catalog.MonitorHeartbeatAsync(new MonitorHeartbeatRequest
        {
            ServiceId = "batch-jobs", Interval = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)), Grace = Duration.FromTimeSpan(TimeSpan.FromMinutes(1)), AutoResolve = true,
        });
        var beat = await Catalog.SendHeartbeatAsync(new SendHeartbeatRequest { ServiceId = "batch-jobs" });
        var ended = await Catalog.EndMaintenanceAsync(new EndMaintenanceRequest { ServiceId = "batch-jobs", WindowId = "w1" });

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("w1", scheduled.MaintenanceWindows.Single().Id);
        Assert.Equal(AlertDisposition.Suppressed, warning.Disposition);
        Assert.Equal(AlertDisposition.Opened, critical.Disposition);
        Assert.Equal((1L, "slow"), (monitored.SuppressedCount, monitored.RecentlySuppressed.Single().DedupKey));
        Assert.Equal(TimeSpan.FromMinutes(6), monitored.Heartbeat.MissedAfter.ToDateTimeOffset() - monitored.Heartbeat.LastBeatAt.ToDateTimeOffset());
        Assert.True(beat.Heartbeat.LastBeatAt.ToDateTimeOffset() >= monitored.Heartbeat.LastBeatAt.ToDateTimeOffset());
        Assert.Empty(beat.Heartbeat.OpenIncidentId);
        Assert.Empty(ended.MaintenanceWindows);
    }

    [Fact]
    public async Task ClassificationRulesAreVersionedAndNameTheRuleThatFired()
    {
        var units = new Api.V1.BusinessUnits.BusinessUnitsClient(_silo.Channel);
        await Register("storage", "infra");

        var bad = await Assert.ThrowsAsync<RpcException>(() => units.PublishClassificationRulesAsync(new PublishClassificationRulesRequest
        {
            BusinessUnitId = "infra",
            Rules = { new ClassificationRule { Name = "broken", Category = "capacity", Urgency = Urgency.High, When = { new RuleCondition { Field = "summary", Pattern = "(" } } } },
        }).ResponseAsync);
        var published = await units.PublishClassificationRulesAsync(new PublishClassificationRulesRequest
        {
            BusinessUnitId = "infra",
            Rules = { new ClassificationRule { Name = "disk-full", Category = "capacity", Urgency = Urgency.High, When = { new RuleCondition { Field = "summary", Pattern = "disk.*full" } } } },
        });
        var inForce = await units.GetClassificationRulesAsync(new GetClassificationRulesRequest { BusinessUnitId = "infra" });
        var opened = await Alerts.SendAlertAsync(Trigger("storage", "disk", summary: "Disk /data is full"));
        var incident = await Incidents.GetIncidentAsync(new GetIncidentRequest { Id = opened.IncidentId });

        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        Assert.Equal("rules[0].when[0].pattern", Assert.Single(Violations(bad)).Field);
        Assert.Equal((1, 1), (published.Version, inForce.Version));
        Assert.Equal(("disk-full", 1, "capacity"), (incident.Classification.RuleName, incident.Classification.RulesVersion, incident.Category));
        Assert.Equal(IncidentSeverity.Sev3, incident.IncidentSeverity);
    }

    private Task<Service> Register(string id, string businessUnit = "retail") =>
        Catalog.RegisterServiceAsync(new RegisterServiceRequest { Id = id, Name = id, OwnerTeam = "sre", BusinessUnitId = businessUnit }).ResponseAsync;

    private static AlertEvent Trigger(string serviceId, string dedupKey, AlertSeverity severity = AlertSeverity.Critical, string environment = "",
        string summary = "Errors above SLO") => new()
    {
        ServiceId = serviceId, Action = AlertAction.Trigger, DedupKey = dedupKey, Summary = summary, Source = "prometheus",
        Severity = severity, Environment = environment,
    };

    private static AlertEvent Resolve(string serviceId, string dedupKey) => new()
    {
        ServiceId = serviceId, Action = AlertAction.Resolve, DedupKey = dedupKey,
    };

    private static IEnumerable<BadRequest.Types.FieldViolation> Violations(RpcException error) =>
        Google.Rpc.Status.Parser.ParseFrom(error.Trailers.GetValueBytes("grpc-status-details-bin")).Details.Single().Unpack<BadRequest>().FieldViolations;

    private static string AlertmanagerNotification(int alerts) => JsonSerializer.Serialize(new
    {
        version = "4", status = "firing", receiver = "incidentactors", groupKey = "{}:{}", truncatedAlerts = 0,
        alerts = Enumerable.Range(0, alerts).Select(i => new
        {
            status = "firing", fingerprint = $"fp{i}", startsAt = "2026-11-25T03:00:00Z",
            labels = new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = "critical", ["instance"] = $"web-{i}" },
            annotations = new Dictionary<string, string> { ["summary"] = "p99 latency above 2s" },
        }),
    });
}
