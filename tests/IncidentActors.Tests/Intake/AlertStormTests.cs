using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Intake;

/// <summary>
/// A cascade: three root services fail, and 197 services that depend on them (directly or through a
/// middle tier) raise alerts too, 10 000 in all, in shuffled order.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlertStormTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const int Roots = 3;
    private const int MiddlePerRoot = 9;
    private const int Services = 200;
    private const int KeysPerService = 5;
    private const int AlertsPerKey = 10;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TenThousandAlertsOverTwoHundredServicesBecomeOneIncidentPerFailingRoot()
    {
        var unit = AzuriteFixture.UniqueName("storm");
        var services = await RegisterTopologyAsync(unit);
        var storm = services
            .SelectMany(id => Enumerable.Range(0, KeysPerService * AlertsPerKey).Select(i => Alert(id, $"instance-{i % KeysPerService}")))
            .OrderBy(_ => Random.Shared.Next())
            .ToList();
        Assert.Equal(10_000, storm.Count);

        var outcomes = await IngestAsync(storm);
        Clock.Advance(Wait);

        var incidents = await Eventually.Get(() => ListAsync(unit), listed => listed.Sum(Counted) == storm.Count,
            TimeSpan.FromSeconds(60), "every alert to be counted on an incident or as a symptom");
        Assert.Equal(Roots, incidents.Length);
        Assert.All(incidents, incident => Assert.StartsWith("root-", incident.ServiceId));
        // Every downstream service shows on its root's incident, and on no other.
        Assert.Equal(Services - Roots, incidents.SelectMany(i => i.Symptoms.Select(s => s.ServiceId)).Distinct().Count());
        Assert.Equal(Services - Roots, incidents.Sum(i => i.Symptoms.Length));
        Assert.DoesNotContain(outcomes, o => o.Disposition == AlertDisposition.Opened && !o.IncidentId!.StartsWith("root-"));

        // Each root's owner is paged once for the first step; nobody downstream is paged at all.
        var pages = incidents.SelectMany(i => i.Pages.Select(p => (i.Id, p.ResponderId, p.Level, p.Round))).ToList();
        Assert.Equal(pages.Count, pages.Distinct().Count());
        Assert.Equal(incidents.Select(i => $"owner-{i.ServiceId}").Order(), pages.Select(p => p.ResponderId).Order());
        foreach (var downstream in services.Where(s => !s.StartsWith("root-")).Take(20))
        {
            Assert.Empty(await Grains.GetGrain<IResponderGrain>($"owner-{downstream}").Notifications(10));
        }
    }

    private static int Counted(IncidentView incident) => incident.AlertCount + incident.Symptoms.Sum(s => s.AlertCount);

    /// <summary>Roots first, then a middle tier on each root, then leaves spread over the middle tier; each service has its own owner and policy.</summary>
    private async Task<List<string>> RegisterTopologyAsync(string unit)
    {
        var suffix = unit[^6..];
        var roots = Enumerable.Range(0, Roots).Select(i => $"root-{i}-{suffix}").ToList();
        var middle = Enumerable.Range(0, Roots * MiddlePerRoot).Select(i => (Id: $"mid-{i}-{suffix}", DependsOn: roots[i % Roots])).ToList();
        var leaves = Enumerable.Range(0, Services - roots.Count - middle.Count).Select(i => (Id: $"leaf-{i}-{suffix}", DependsOn: middle[i % middle.Count].Id)).ToList();
        // A root's instances failing together are one group; downstream alerts wait for an upstream incident to claim them.
        var byService = new AlertGrouping(["environment"], TimeSpan.FromMinutes(10), TimeSpan.Zero);
        var held = new AlertGrouping([], TimeSpan.Zero, Wait);
        foreach (var root in roots)
        {
            await RegisterAsync(new ServiceDefinition(root, root, $"team-{root}", unit, $"policy-{root}", Grouping: byService));
        }
        foreach (var (id, upstream) in middle.Concat(leaves))
        {
            await RegisterAsync(new ServiceDefinition(id, id, $"team-{id}", unit, $"policy-{id}", DependsOn: [upstream], Grouping: held));
        }
        return [.. roots, .. middle.Select(m => m.Id), .. leaves.Select(l => l.Id)];
    }

    private async Task RegisterAsync(ServiceDefinition service)
    {
        var owner = $"owner-{service.Id}";
        await Grains.GetGrain<IResponderGrain>(owner).Define(new ResponderDefinition(owner, owner, "UTC", []));
        await Grains.GetGrain<IEscalationPolicyGrain>(service.EscalationPolicyId!).Define(new EscalationPolicyDefinition(service.EscalationPolicyId!, owner, [
            new([new EscalationTarget(EscalationTargetKind.Responder, owner)], TimeSpan.FromMinutes(15)),
        ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(10)));
        await Grains.GetGrain<IServiceGrain>(service.Id).Register(service);
    }

    private async Task<List<AlertOutcome>> IngestAsync(List<AlertEvent> storm)
    {
        var outcomes = new List<AlertOutcome>(storm.Count);
        foreach (var wave in storm.Chunk(64))
        {
            outcomes.AddRange(await Task.WhenAll(wave.Select(alert => Grains.GetGrain<IServiceGrain>(alert.ServiceId).Ingest(alert))));
        }
        return outcomes;
    }

    private async Task<ImmutableArray<IncidentView>> ListAsync(string unit)
    {
        var page = await Grains.GetGrain<IIncidentSearchGrain>(0).Search(unit, new IncidentQuery(null, null, 100, null));
        return [.. await Task.WhenAll(page.Incidents.Select(summary => Grains.GetGrain<IIncidentGrain>(summary.Id).Get()))];
    }

    private static AlertEvent Alert(string serviceId, string dedupKey) =>
        new(serviceId, AlertAction.Trigger, dedupKey, $"{serviceId} failing", "prometheus", AlertSeverity.Critical, null,
            ImmutableSortedDictionary<string, string>.Empty, "alertmanager");
}
