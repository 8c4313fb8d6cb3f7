using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using TestAlerts = IncidentActors.Tests.Cluster.Alerts;
using Xunit;

namespace IncidentActors.Tests.Intake;

/// <summary>Grouping windows, symptoms of upstream failures and the grouping wait, on a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CorrelationTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var team in new[] { "db", "api", "web" })
        {
            await Grains.GetGrain<IResponderGrain>($"{team}-oncall").Define(new ResponderDefinition($"{team}-oncall", team, "Europe/London", []));
            await Grains.GetGrain<IEscalationPolicyGrain>($"{team}-policy").Define(new EscalationPolicyDefinition($"{team}-policy", team, [
                new([new EscalationTarget(EscalationTargetKind.Responder, $"{team}-oncall")], TimeSpan.FromMinutes(10)),
            ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(10)));
        }
    }

    [Fact]
    public async Task NewKeysOfAGroupWithinTheWindowJoinOneIncidentThatResolvesWithItsLastAlert()
    {
        var web = await RegisterAsync("web", grouping: new AlertGrouping(["component"], TimeSpan.FromMinutes(5), TimeSpan.Zero));

        var first = await web.Ingest(Trigger(web, "pod-1", component: "api"));
        var second = await web.Ingest(Trigger(web, "pod-2", component: "api"));
        var otherGroup = await web.Ingest(Trigger(web, "db-1", component: "db"));
        Clock.Advance(TimeSpan.FromMinutes(6));
        var afterWindow = await web.Ingest(Trigger(web, "pod-3", component: "api"));

        Assert.Equal((AlertDisposition.Opened, AlertDisposition.Grouped), (first.Disposition, second.Disposition));
        Assert.Equal(first.IncidentId, second.IncidentId);
        Assert.Equal(AlertDisposition.Opened, otherGroup.Disposition);
        Assert.Equal(AlertDisposition.Opened, afterWindow.Disposition);
        Assert.Equal(3, new[] { first.IncidentId, otherGroup.IncidentId, afterWindow.IncidentId }.Distinct().Count());

        var grouped = Grains.GetGrain<IIncidentGrain>(first.IncidentId!);
        Assert.Equal(2, (await grouped.Get()).AlertCount);
        await web.Ingest(TestAlerts.Resolve(ServiceIdOf(web), "pod-1"));
        Assert.Equal(IncidentStatus.Triggered, (await grouped.Get()).Status);
        await web.Ingest(TestAlerts.Resolve(ServiceIdOf(web), "pod-2"));
        Assert.Equal(IncidentStatus.Resolved, (await grouped.Get()).Status);
    }

    [Fact]
    public async Task AlertsDownstreamOfAnOpenIncidentAreItsSymptomsAndPageNobodyNew()
    {
        var db = await RegisterAsync("db");
        var api = await RegisterAsync("api", dependsOn: [ServiceIdOf(db)]);
        var web = await RegisterAsync("web", dependsOn: [ServiceIdOf(api)]);

        var root = await db.Ingest(Trigger(db, "primary-down"));
        var onApi = await api.Ingest(Trigger(api, "5xx"));
        var again = await api.Ingest(Trigger(api, "5xx"));
        // Two hops up: the API has no incident of its own, the database has.
        var onWeb = await web.Ingest(Trigger(web, "checkout-errors"));

        Assert.Equal(AlertDisposition.Opened, root.Disposition);
        Assert.All(new[] { onApi, again, onWeb }, outcome =>
        {
            Assert.Equal(AlertDisposition.Symptom, outcome.Disposition);
            Assert.Equal(root.IncidentId, outcome.IncidentId);
        });
        var incident = await Grains.GetGrain<IIncidentGrain>(root.IncidentId!).Get();
        Assert.Equal([(ServiceIdOf(api), 2), (ServiceIdOf(web), 1)], incident.Symptoms.Select(s => (s.ServiceId, s.AlertCount)));
        Assert.Equal(2, incident.Timeline.Count(e => e.Kind == TimelineEntryKind.SymptomAttached));
        // The owner of the failing subsystem is paged, once; the downstream teams are not.
        Assert.Equal(["db-oncall"], incident.Pages.Select(p => p.ResponderId));
        Assert.Empty(await Grains.GetGrain<IResponderGrain>("api-oncall").Notifications(10));
        Assert.Equal([ServiceIdOf(api)], (await db.Get()).Dependents.ToArray());
    }

    [Fact]
    public async Task ResolvedUpstreamIncidentClaimsNoMoreSymptoms()
    {
        var db = await RegisterAsync("db");
        var api = await RegisterAsync("api", dependsOn: [ServiceIdOf(db)]);
        var root = await db.Ingest(Trigger(db, "primary-down"));
        await Grains.GetGrain<IIncidentGrain>(root.IncidentId!).Resolve(new ResponderAction("db-oncall", "failed over"));

        var onApi = await api.Ingest(Trigger(api, "5xx"));

        Assert.Equal(AlertDisposition.Opened, onApi.Disposition);
        Assert.StartsWith(ServiceIdOf(api), onApi.IncidentId);
    }

    [Fact]
    public async Task HeldAlertsBecomeSymptomsOfAnUpstreamIncidentOpenedDuringTheWait()
    {
        var db = await RegisterAsync("db");
        var api = await RegisterAsync("api", dependsOn: [ServiceIdOf(db)], grouping: new AlertGrouping([], TimeSpan.Zero, Wait));

        var held = await api.Ingest(Trigger(api, "5xx"));
        var heldAgain = await api.Ingest(Trigger(api, "5xx"));
        var root = await db.Ingest(Trigger(db, "primary-down"));
        Assert.Equal((AlertDisposition.Pending, AlertDisposition.Pending), (held.Disposition, heldAgain.Disposition));
        Assert.Equal(1, (await api.Get()).PendingGroups);

        Clock.Advance(Wait);

        var incident = await Eventually.Get(() => Grains.GetGrain<IIncidentGrain>(root.IncidentId!).Get(), v => v.Symptoms.Length == 1,
            what: "the held alerts to attach to the database incident");
        Assert.Equal((ServiceIdOf(api), 2), (incident.Symptoms[0].ServiceId, incident.Symptoms[0].AlertCount));
        Assert.Equal(0, (await api.Get()).PendingGroups);
        // Later alerts of the key go straight to the upstream incident.
        Assert.Equal(AlertDisposition.Symptom, (await api.Ingest(Trigger(api, "5xx"))).Disposition);
    }

    [Fact]
    public async Task HeldAlertsOpenTheirOwnIncidentWhenNothingUpstreamFails()
    {
        var db = await RegisterAsync("db");
        var api = await RegisterAsync("api", dependsOn: [ServiceIdOf(db)], grouping: new AlertGrouping([], TimeSpan.Zero, Wait));

        await api.Ingest(Trigger(api, "5xx"));
        Clock.Advance(Wait - TimeSpan.FromSeconds(1));
        await api.Ingest(Trigger(api, "5xx"));
        Assert.Equal(1, (await api.Get()).PendingGroups);
        Clock.Advance(TimeSpan.FromSeconds(1));

        var opened = await Eventually.Get(() => api.Ingest(Trigger(api, "5xx")), o => o.Disposition == AlertDisposition.Deduplicated,
            what: "the held group to open its own incident");
        var incident = await Grains.GetGrain<IIncidentGrain>(opened.IncidentId!).Get();
        // The shard may deliver the deadline again (retries, failover): nothing more opens.
        await api.OnDeadline("grouping", Clock.GetUtcNow());
        Assert.Equal((AlertDisposition.Deduplicated, opened.IncidentId), Disposition(await api.Ingest(TestAlerts.Trigger(ServiceIdOf(api), "5xx"))));
        Assert.Equal(ServiceIdOf(api), incident.ServiceId);
        Assert.True(incident.AlertCount >= 3, $"the held repeat and the later ones are counted; got {incident.AlertCount}");
        Assert.Equal(["api-oncall"], incident.Pages.Select(p => p.ResponderId));
    }

    [Fact]
    public async Task ResolvingAHeldAlertDropsItsGroup()
    {
        var db = await RegisterAsync("db");
        var api = await RegisterAsync("api", dependsOn: [ServiceIdOf(db)], grouping: new AlertGrouping([], TimeSpan.Zero, Wait));

        await api.Ingest(Trigger(api, "flap"));
        var resolved = await api.Ingest(TestAlerts.Resolve(ServiceIdOf(api), "flap"));
        Clock.Advance(Wait);

        Assert.Equal(AlertDisposition.NoOpenIncident, resolved.Disposition);
        var view = await api.Get();
        Assert.Equal(0, view.PendingGroups);
        Assert.Equal(AlertDisposition.NoOpenIncident, (await api.Ingest(TestAlerts.Resolve(ServiceIdOf(api), "flap"))).Disposition);
    }

    private async Task<IServiceGrain> RegisterAsync(string team, ImmutableArray<string> dependsOn = default, AlertGrouping? grouping = null)
    {
        var id = AzuriteFixture.UniqueName(team);
        var service = Grains.GetGrain<IServiceGrain>(id);
        await service.Register(new ServiceDefinition(id, id, team, "retail", $"{team}-policy", DependsOn: dependsOn, Grouping: grouping));
        return service;
    }

    private static string ServiceIdOf(IServiceGrain service) => service.GetPrimaryKeyString();

    private static (AlertDisposition, string?) Disposition(AlertOutcome outcome) => (outcome.Disposition, outcome.IncidentId);

    private static AlertEvent Trigger(IServiceGrain service, string dedupKey, string? component = null) =>
        TestAlerts.Trigger(ServiceIdOf(service), dedupKey) with { Component = component };
}
