using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;
using IncidentActors.Metrics;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Incidents;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace IncidentActors.Tests.Metrics;

/// <summary>Metrics follow the incidents through a silo's death and events delivered again, counting each incident once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MetricsFailoverTests(AzuriteFixture azurite)
{
    private const int Incidents = 24;

    [Fact]
    public async Task MetricsConvergeAfterASiloDiesMidDeliveryAndCountEveryIncidentOnce()
    {
        var recorder = new RecordingSubscriber();
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 3,
            settings: new Dictionary<string, string?> { [$"{IncidentOptions.Section}:{nameof(IncidentOptions.EventRedeliveryDelay)}"] = "00:00:01" },
            configure: silo => silo.Services.AddSingleton<IIncidentEventSubscriber>(recorder));
        var grains = cluster.Client;
        var unit = AzuriteFixture.UniqueName("unit");
        var services = Enumerable.Range(0, 4).Select(i => AzuriteFixture.UniqueName($"svc{i}")).ToList();
        foreach (var service in services)
        {
            await grains.GetGrain<IServiceGrain>(service).Register(Cluster.Alerts.Service(service, unit));
        }
        var start = DateTimeOffset.UtcNow;
        var ids = new List<string>();
        for (var i = 0; i < Incidents; i++)
        {
            var outcome = await grains.GetGrain<IServiceGrain>(services[i % 4]).Ingest(Cluster.Alerts.Trigger(services[i % 4], $"alert-{i}"));
            ids.Add(outcome.IncidentId!);
        }
        foreach (var id in ids.Where((_, i) => i % 2 == 0))
        {
            await grains.GetGrain<IIncidentGrain>(id).Resolve(new ResponderAction("carol", null));
        }

        // The next resolution on the second service is stored, then its delivery held while the silo holding it dies:
        // the projection took the events once already, and a survivor delivers them again.
        recorder.Hold(services[1]);
        var held = ids[1];
        var resolving = grains.GetGrain<IIncidentGrain>(held).Resolve(new ResponderAction("carol", null));
        await recorder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(cluster.TryGetGrainContext(grains.GetGrain<IIncidentGrain>(held).GetGrainId(), out var context));
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(context!.Address.SiloAddress)));
        recorder.Release();
        _ = resolving.ContinueWith(t => t.Exception, TaskScheduler.Default);
        await Eventually.Get(() => Task.FromResult(recorder.Of(held)), e => e.Any(x => x.Kind == TimelineEntryKind.Resolved), TimeSpan.FromSeconds(60),
            "the held resolution to be delivered by a survivor");
        // Every incident sent again whole, as a consumer rebuilding would ask: nothing is counted twice.
        foreach (var service in services)
        {
            await grains.GetGrain<IIncidentReplayGrain>(service).ReplayService();
        }

        var query = new MetricsQuery(unit, start.AddHours(-1), start.AddHours(1), MetricsBucketSize.Day);
        var total = (await Eventually.Get(() => grains.GetGrain<IMetricsQueryGrain>(0).Query(query), r => r.Total.TimeToResolve.Count == Incidents / 2 + 1,
            TimeSpan.FromSeconds(60), "the resolutions to be projected")).Total;
        Assert.Equal((Incidents, Incidents / 2 + 1, 4), (total.Incidents, total.TimeToResolve.Count, total.Services));
    }
}
