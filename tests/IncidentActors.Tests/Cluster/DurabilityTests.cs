using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Cluster;

/// <summary>What a caller was told is stored survives a whole-cluster restart and the death of a silo.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurabilityTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EveryIncidentAndItsTimelineSurvivesAWholeClusterRestart()
    {
        var serviceId = TestClusters.NewServiceId();
        Dictionary<string, IncidentView> before;
        await using (var first = await TestClusters.StartAsync(azurite, serviceId, silos: 2))
        {
            before = await OpenAndWorkIncidents(first.Client, count: 20);
            await first.StopAllSilosAsync();
        }

        await using var second = await TestClusters.StartAsync(azurite, serviceId, silos: 2);
        foreach (var (id, expected) in before)
        {
            await AssertSameIncidentAsync(second.Client.GetGrain<IIncidentGrain>(id), expected);
        }
        var listed = await second.Client.GetGrain<IIncidentSearchGrain>(0).Search(null, new IncidentQuery(null, null, 100, null));
        Assert.Equal(before.Keys.Order(), listed.Incidents.Select(i => i.Id).Order());
    }

    [Fact]
    public async Task KillingOneSiloOfThreeLosesNothingAcknowledged()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 3);
        var before = await OpenAndWorkIncidents(cluster.Client, count: 30);
        // Placement is Orleans' choice: kill whichever silo hosts the most incidents.
        var victim = cluster.Silos.MaxBy(silo => before.Keys.Count(id => HostedOn(cluster, id, silo.SiloAddress)))!;
        Assert.True(before.Keys.Any(id => HostedOn(cluster, id, victim.SiloAddress)), "the killed silo should host some of the incidents");

        await cluster.KillSiloAsync(victim);

        foreach (var (id, expected) in before)
        {
            var incident = cluster.Client.GetGrain<IIncidentGrain>(id);
            await Eventually.Get(() => incident.Get(), _ => true, TimeSpan.FromSeconds(60), $"incident {id} to answer after the kill");
            await AssertSameIncidentAsync(incident, expected);
        }
        var resolved = await cluster.Client.GetGrain<IIncidentGrain>(before.Keys.First())
            .Resolve(new ResponderAction("carol", "after failover"));
        Assert.Equal(IncidentStatus.Resolved, resolved.Status);
    }

    /// <summary>Opens incidents over several services and units, acknowledging a third and resolving another third.</summary>
    private static async Task<Dictionary<string, IncidentView>> OpenAndWorkIncidents(IGrainFactory grains, int count)
    {
        var views = new Dictionary<string, IncidentView>();
        for (var s = 0; s < 4; s++)
        {
            await grains.GetGrain<IServiceGrain>($"svc{s}").Register(Alerts.Service($"svc{s}", $"unit{s % 2}"));
        }
        for (var i = 0; i < count; i++)
        {
            var serviceId = $"svc{i % 4}";
            var outcome = await grains.GetGrain<IServiceGrain>(serviceId).Ingest(Alerts.Trigger(serviceId, $"alert-{i}"));
            var incident = grains.GetGrain<IIncidentGrain>(outcome.IncidentId!);
            views[outcome.IncidentId!] = (i % 3) switch
            {
                0 => await incident.Acknowledge(new ResponderAction($"responder{i}", "on it")),
                1 => await incident.Resolve(new ResponderAction($"responder{i}", "rolled back")),
                _ => await incident.Get(),
            };
        }
        return views;
    }

    private static bool HostedOn(InProcessTestCluster cluster, string incidentId, SiloAddress silo)
    {
        var grainId = cluster.Client.GetGrain<IIncidentGrain>(incidentId).GetGrainId();
        return cluster.TryGetGrainContext(grainId, out var context) && silo.Equals(context?.Address.SiloAddress);
    }

    private static async Task AssertSameIncidentAsync(IIncidentGrain incident, IncidentView expected)
    {
        var actual = await incident.Get();
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.AcknowledgedBy, actual.AcknowledgedBy);
        Assert.Equal(expected.ResolvedBy, actual.ResolvedBy);
        Assert.Equal(expected.CustomDetails, actual.CustomDetails);
        Assert.Equal<TimelineEntry>(expected.Timeline, actual.Timeline);
        Assert.True((await incident.VerifyTimeline()).Intact);
    }
}
