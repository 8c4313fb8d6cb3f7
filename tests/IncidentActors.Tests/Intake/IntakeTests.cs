using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Intake;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using TestAlerts = IncidentActors.Tests.Cluster.Alerts;
using Xunit;

namespace IncidentActors.Tests.Intake;

/// <summary>Batches, rate limits, catalog metadata, classification, maintenance windows and heartbeats on one cluster and a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IntakeTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const int PerSecond = 50;
    private const int Burst = 200;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{IntakeOptions.Section}:{nameof(IntakeOptions.AlertsPerSecond)}"] = $"{PerSecond}",
        [$"{IntakeOptions.Section}:{nameof(IntakeOptions.Burst)}"] = $"{Burst}",
    };

    [Fact]
    public async Task ABatchOpensEveryNewKeyAndCountsItsRepeatsInOrder()
    {
        var service = await RegisterAsync();
        var id = service.GetPrimaryKeyString();
        ImmutableArray<AlertEvent> batch = [
            .. Enumerable.Range(0, 100).Select(i => Trigger(id, $"k{i}")),
            Trigger(id, "k0"),
            TestAlerts.Resolve(id, "k1"),
            Trigger(id, "k1"),
        ];

        var outcome = await service.IngestBatch(batch);

        Assert.Null(outcome.RetryAfter);
        Assert.Equal(batch.Length, outcome.Accepted.Length);
        Assert.All(outcome.Accepted.Take(100), o => Assert.Equal(AlertDisposition.Opened, o.Disposition));
        Assert.Equal(100, outcome.Accepted.Take(100).Select(o => o.IncidentId).Distinct().Count());
        Assert.Equal((AlertDisposition.Deduplicated, 2), (outcome.Accepted[100].Disposition, outcome.Accepted[100].AlertCount));
        Assert.Equal((AlertDisposition.Resolved, IncidentStatus.Resolved), (outcome.Accepted[101].Disposition, outcome.Accepted[101].Status));
        Assert.Equal(AlertDisposition.Opened, outcome.Accepted[102].Disposition);
        Assert.NotEqual(outcome.Accepted[1].IncidentId, outcome.Accepted[102].IncidentId);
        foreach (var opened in outcome.Accepted.Take(100).Skip(2))
        {
            Assert.Equal(IncidentStatus.Triggered, (await Grains.GetGrain<IIncidentGrain>(opened.IncidentId!).Get()).Status);
        }
    }

    [Fact]
    public async Task ABadAlertAnywhereInTheBatchChangesNothing()
    {
        var service = await RegisterAsync();
        var id = service.GetPrimaryKeyString();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            service.IngestBatch([Trigger(id, "fine"), Trigger(id, "wrong-env") with { Environment = "staging" }, Trigger(id, "no-summary") with { Summary = "" }]));

        Assert.Equal(["alerts[1].environment", "alerts[2].summary"], error.Violations.Select(v => v.Field).Order());
        Assert.Equal(AlertDisposition.NoOpenIncident, (await service.Ingest(TestAlerts.Resolve(id, "fine"))).Disposition);
    }

    [Fact]
    public async Task TheRateLimitAdmitsTheHeadOfABatchAndRefusesMoreUntilTokensRefill()
    {
        var service = await RegisterAsync();
        var id = service.GetPrimaryKeyString();

        var batch = await service.IngestBatch([.. Enumerable.Range(0, Burst + 50).Select(i => Trigger(id, $"storm-{i % 10}"))]);
        var refused = await Assert.ThrowsAsync<RateLimitedException>(() => service.Ingest(Trigger(id, "one-more")));
        // Another integration has its own allowance.
        var webhook = await service.Ingest(Trigger(id, "from-webhook") with { Integration = "alertmanager" });
        Clock.Advance(TimeSpan.FromSeconds(1));
        var later = await service.IngestBatch([.. Enumerable.Range(0, PerSecond + 1).Select(i => Trigger(id, "later"))]);

        Assert.Equal(Burst, batch.Accepted.Length);
        Assert.Equal(TimeSpan.FromSeconds(1.0 / PerSecond), batch.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(1.0 / PerSecond), refused.RetryAfter);
        Assert.Equal(AlertDisposition.Opened, webhook.Disposition);
        Assert.Equal(PerSecond, later.Accepted.Length);
        // Everything admitted was applied: ten keys, each counted as often as it was sent.
        var counts = await Task.WhenAll(batch.Accepted.Select(o => o.IncidentId!).Distinct().Select(async i => (await Grains.GetGrain<IIncidentGrain>(i).Get()).AlertCount));
        Assert.Equal(Burst, counts.Sum());
    }

    [Fact]
    public async Task IncidentsCarryTheCatalogsMetadataAndTheRuleThatClassifiedThem()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        var service = await RegisterAsync(unit, BusinessImpact.Significant);
        var id = service.GetPrimaryKeyString();
        var units = Grains.GetGrain<IBusinessUnitGrain>(unit);
        var v1 = await units.PublishClassificationRules([
            new("http-5xx", "availability", Urgency.Critical, [new("summary", "5xx")]),
        ], "sre-lead");
        var v2 = await units.PublishClassificationRules([
            new("http-5xx", "availability", Urgency.Medium, [new("summary", "5xx")]),
            new("disk-full", "capacity", Urgency.High, [new("summary", "disk.*full")]),
        ], "sre-lead");

        var errors = await OpenedAsync(service, Trigger(id, "errors") with { Summary = "HTTP 5xx above 5%" });
        var disk = await OpenedAsync(service, Trigger(id, "disk") with { Summary = "Disk /var is full", Owner = "storage-team" });
        var other = await OpenedAsync(service, Trigger(id, "other") with { Summary = "Queue depth high", Category = "saturation" });

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        var first = await units.GetClassificationRules(1);
        Assert.Equal((1, v1.Rules[0].Urgency), (first.Version, first.Rules.Single().Urgency));
        Assert.Equal(("http-5xx", 2, "availability"), (errors.Classification!.RuleName, errors.Classification.RulesVersion, errors.Category));
        Assert.Equal(IncidentSeverity.Sev3, errors.IncidentSeverity);
        Assert.Equal(("disk-full", IncidentSeverity.Sev2), (disk.Classification!.RuleName, disk.IncidentSeverity));
        Assert.Contains(disk.Timeline, e => e.Kind == TimelineEntryKind.Classified && e.Message.Contains("disk-full"));
        Assert.Equal(("production", "sre", "storage-team"), (errors.Environment, errors.Owner, disk.Owner));
        Assert.Null(other.Classification);
        Assert.Equal("saturation", other.Category);
    }

    [Fact]
    public async Task AMaintenanceWindowSuppressesAllButCriticalAlertsUntilItEndsOnItsOwn()
    {
        var service = await RegisterAsync();
        var id = service.GetPrimaryKeyString();
        var now = Clock.GetUtcNow();
        await service.ScheduleMaintenance(new MaintenanceWindow("upgrade", now, now.AddHours(1), "Database upgrade", "dba"));

        var warning = await service.Ingest(Trigger(id, "slow") with { Severity = AlertSeverity.Warning });
        var critical = await service.Ingest(Trigger(id, "down"));
        var during = await service.Get();
        Clock.Advance(TimeSpan.FromHours(1));
        var afterwards = await service.Ingest(Trigger(id, "slow") with { Severity = AlertSeverity.Warning });

        Assert.Equal(AlertDisposition.Suppressed, warning.Disposition);
        Assert.Equal(AlertDisposition.Opened, critical.Disposition);
        Assert.Equal((1L, "upgrade"), (during.SuppressedCount, during.RecentlySuppressed.Single().WindowId));
        Assert.Equal(AlertDisposition.Opened, afterwards.Disposition);
        Assert.Empty((await service.Get()).MaintenanceWindows);
    }

    [Fact]
    public async Task MaintenanceWindowsAreValidatedAndCanEndEarly()
    {
        var service = await RegisterAsync();
        var now = Clock.GetUtcNow();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            service.ScheduleMaintenance(new MaintenanceWindow("w", now.AddHours(2), now.AddHours(1), "", "dba")));
        await service.ScheduleMaintenance(new MaintenanceWindow("w", now, now.AddHours(2), "Patching", "dba"));
        var ended = await service.EndMaintenance("w");

        Assert.Equal(["reason", "end"], error.Violations.Select(v => v.Field));
        Assert.Empty(ended.MaintenanceWindows);
        Assert.Equal(AlertDisposition.Opened, (await service.Ingest(Trigger(service.GetPrimaryKeyString(), "x") with { Severity = AlertSeverity.Info })).Disposition);
    }

    [Fact]
    public async Task AMissedHeartbeatOpensAnIncidentThatTheNextHeartbeatResolves()
    {
        var service = await RegisterAsync();
        await service.MonitorHeartbeat(new HeartbeatMonitor(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), AutoResolve: true));

        Clock.Advance(TimeSpan.FromMinutes(1));
        await service.Heartbeat();
        Clock.Advance(TimeSpan.FromSeconds(80));
        Assert.Null((await service.Get()).Heartbeat!.OpenIncidentId);
        Clock.Advance(TimeSpan.FromSeconds(10));

        var lost = await Eventually.Get(() => service.Get(), v => v.Heartbeat!.OpenIncidentId is not null, what: "the missed heartbeat to open an incident");
        var incident = Grains.GetGrain<IIncidentGrain>(lost.Heartbeat!.OpenIncidentId!);
        var opened = await incident.Get();
        Assert.Equal(("heartbeat", IncidentStatus.Triggered, AlertSeverity.Critical), (opened.Category, opened.Status, opened.Severity));

        var back = await service.Heartbeat();
        Assert.Null(back.Heartbeat!.OpenIncidentId);
        Assert.Equal(IncidentStatus.Resolved, (await incident.Get()).Status);
    }

    private async Task<IServiceGrain> RegisterAsync(string unit = "retail", BusinessImpact impact = BusinessImpact.Moderate)
    {
        var id = AzuriteFixture.UniqueName("svc");
        var service = Grains.GetGrain<IServiceGrain>(id);
        await service.Register(new ServiceDefinition(id, id, "sre", unit, Impact: impact));
        return service;
    }

    private async Task<IncidentView> OpenedAsync(IServiceGrain service, AlertEvent alert)
    {
        var outcome = await service.Ingest(alert);
        Assert.Equal(AlertDisposition.Opened, outcome.Disposition);
        return await Grains.GetGrain<IIncidentGrain>(outcome.IncidentId!).Get();
    }

    private static AlertEvent Trigger(string serviceId, string dedupKey) => TestAlerts.Trigger(serviceId, dedupKey);
}
