using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class IntakeFailoverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AcknowledgedBatchesHeldGroupsAndHeartbeatMonitorsOutliveTheSiloThatHeldThem()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 3, clock);
        var grains = cluster.Client;
        var jobs = await RegisterAsync(grains, new ServiceDefinition("jobs", "Nightly jobs", "data", "retail"));
        await RegisterAsync(grains, new ServiceDefinition("db", "Database", "dba", "retail"));
        var api = await RegisterAsync(grains, new ServiceDefinition("api", "API", "web", "retail", DependsOn: ["db"],
            Grouping: new AlertGrouping([], TimeSpan.Zero, TimeSpan.FromSeconds(30))));
        await jobs.MonitorHeartbeat(new HeartbeatMonitor(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(30), AutoResolve: true));
        var batch = await jobs.IngestBatch([.. Enumerable.Range(0, 50).Select(i => Alert("jobs", $"job-{i}"))]);
        Assert.Equal(AlertDisposition.Pending, (await api.Ingest(Alert("api", "5xx"))).Disposition);

        // The silo that keeps the heartbeat's deadline dies, and with it whatever else it hosted.
        var shard = DeadlineShards.For(grains, jobs.GetGrainId()).GetGrainId();
        var victim = cluster.Silos.Single(s => cluster.TryGetGrainContext(shard, out var c) && s.SiloAddress.Equals(c?.Address.SiloAddress));
        await cluster.KillSiloAsync(victim);

        foreach (var outcome in batch.Accepted)
        {
            Assert.Equal(IncidentStatus.Triggered, (await Eventually.Get(() => grains.GetGrain<IIncidentGrain>(outcome.IncidentId!).Get(), _ => true,
                TimeSpan.FromSeconds(60), $"{outcome.IncidentId} to answer after the failover")).Status);
        }
        clock.Advance(TimeSpan.FromSeconds(90));
        // A fire that meets the dead silo is retried on the grain clock: let fake time pass while membership declares the death.
        var lost = await Eventually.Get(() => Tick(clock, jobs.Get()), v => v.Heartbeat!.OpenIncidentId is not null,
            TimeSpan.FromSeconds(60), "the missed heartbeat to open an incident after the failover");
        var held = await Eventually.Get(() => Tick(clock, api.Get()), v => v.PendingGroups == 0,
            TimeSpan.FromSeconds(60), "the held group to open after the failover");

        Assert.Equal("heartbeat", (await grains.GetGrain<IIncidentGrain>(lost.Heartbeat!.OpenIncidentId!).Get()).Category);
        Assert.Equal(AlertDisposition.Deduplicated, (await api.Ingest(Alert("api", "5xx"))).Disposition);
    }

    private static async Task<IServiceGrain> RegisterAsync(IGrainFactory grains, ServiceDefinition definition)
    {
        var service = grains.GetGrain<IServiceGrain>(definition.Id);
        await service.Register(definition);
        return service;
    }

    private static AlertEvent Alert(string serviceId, string dedupKey) =>
        new(serviceId, AlertAction.Trigger, dedupKey, "Failing", "prometheus", AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "grpc");

    private static Task<T> Tick<T>(FakeTimeProvider clock, Task<T> probe)
    {
        clock.Advance(TimeSpan.FromMilliseconds(50));
        return probe;
    }
}
