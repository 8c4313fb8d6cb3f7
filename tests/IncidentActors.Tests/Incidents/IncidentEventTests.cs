using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.GrpcFrontend.Services;
using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents;

/// <summary>Incident events: delivered only for stored changes, in order, again after a failure, and applied once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IncidentEventTests(AzuriteFixture azurite)
{
    private static readonly ResponderAction Alice = new("alice", null);

    [Fact]
    public async Task EventsAreDeliveredInOrderAndOnlyOnceTheirChangeIsStored()
    {
        var recorder = new RecordingSubscriber();
        await using var cluster = await StartAsync(recorder, silos: 1);
        recorder.Inspect = async events =>
        {
            var stored = await StoredStates.ReadAsync<IncidentState>(cluster, "incident", Incident(cluster, events[0].IncidentId).GetGrainId());
            Assert.True(stored.EventSequence >= events[^1].Sequence, $"event {events[^1].Sequence} was delivered before it was stored");
        };

        var incident = await OpenAsync(cluster, AzuriteFixture.UniqueName("svc"));
        await incident.Acknowledge(Alice);
        await incident.Resolve(Alice);

        var events = recorder.Of(incident.GetPrimaryKeyString());
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Sequence));
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved], events.Select(e => e.Kind));
        Assert.Equal(("alice", IncidentStatus.Resolved), (events[^1].Actor, events[^1].Incident.Status));
        Assert.IsType<Resolution>(events[^1].Data);
    }

    [Fact]
    public async Task AFailedWriteForgetsTheChangeAndDeliversNoEventAndItsRetryDoesTheWorkAgain()
    {
        var recorder = new RecordingSubscriber();
        var faults = new FaultyGrainStorage.Faults();
        await using var cluster = await StartAsync(recorder, silos: 1, faults);
        var incident = await OpenAsync(cluster, AzuriteFixture.UniqueName("svc"));
        var id = incident.GetPrimaryKeyString();

        faults.FailNextWrite(incident.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => incident.Acknowledge(Alice));

        var afterFailure = await incident.Get();
        Assert.Equal((IncidentStatus.Triggered, 1L), (afterFailure.Status, afterFailure.Version));
        Assert.DoesNotContain(afterFailure.Timeline, e => e.Kind == TimelineEntryKind.Acknowledged);
        Assert.DoesNotContain(recorder.Of(id), e => e.Kind == TimelineEntryKind.Acknowledged);

        var retried = await incident.Acknowledge(Alice);

        Assert.Equal(IncidentStatus.Acknowledged, retried.Status);
        var stored = await StoredStates.ReadAsync<IncidentState>(cluster, "incident", incident.GetGrainId());
        Assert.Equal(IncidentStatus.Acknowledged, stored.Status);
        // Reading the incident again after the failure delivers what storage still lists as undelivered: at least once.
        var applied = recorder.Of(id).DistinctBy(e => e.Sequence).ToList();
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged], applied.Select(e => e.Kind));
        Assert.Equal([1L, 2L], applied.Select(e => e.Sequence));
    }

    [Fact]
    public async Task EventsStoredByASiloThatDiesBeforeDeliveringThemAreDeliveredByASurvivor()
    {
        var recorder = new RecordingSubscriber();
        await using var cluster = await StartAsync(recorder, silos: 3, settings: new Dictionary<string, string?>
        {
            [$"{IncidentOptions.Section}:{nameof(IncidentOptions.EventRedeliveryDelay)}"] = "00:00:01",
        });
        var serviceId = AzuriteFixture.UniqueName("svc");
        await cluster.Client.GetGrain<IServiceGrain>(serviceId).Register(Cluster.Alerts.Service(serviceId));
        recorder.Hold(serviceId);

        // The opening stores the incident, then its delivery is held: the silo is killed between the write and the delivery.
        var opening = cluster.Client.GetGrain<IServiceGrain>(serviceId).Ingest(Cluster.Alerts.Trigger(serviceId, "disk-full"));
        await recorder.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var incidentId = $"{serviceId}-1";
        Assert.True(cluster.TryGetGrainContext(Incident(cluster, incidentId).GetGrainId(), out var context));
        var victim = cluster.Silos.Single(s => s.SiloAddress.Equals(context!.Address.SiloAddress));
        Assert.Empty(recorder.Of(incidentId));
        await cluster.KillSiloAsync(victim);
        recorder.Release();
        // The caller hears of the silo's death whenever it does; what matters is that the stored events get out.
        _ = opening.ContinueWith(t => t.Exception, TaskScheduler.Default);

        var delivered = await Eventually.Get(() => Task.FromResult(recorder.Of(incidentId)), e => e.Count > 0, TimeSpan.FromSeconds(60),
            "the opening's events to be delivered by a survivor");

        Assert.Equal(TimelineEntryKind.Opened, delivered[0].Kind);
        Assert.Equal(1L, delivered[0].Sequence);
        var listed = await Eventually.Get(() => cluster.Client.GetGrain<IIncidentSearchGrain>(0).Search(null, new IncidentQuery(serviceId, null, 10, null)),
            page => page.Incidents.Length == 1, TimeSpan.FromSeconds(30), "the incident to be listed");
        Assert.Equal(incidentId, listed.Incidents[0].Id);
    }

    [Fact]
    public async Task TheWatchFeedPassesOnAnEventDeliveredTwiceOnce()
    {
        var recorder = new RecordingSubscriber();
        await using var cluster = await StartAsync(recorder, silos: 1);
        var incident = await OpenAsync(cluster, AzuriteFixture.UniqueName("svc"));
        await incident.Acknowledge(Alice);
        var events = recorder.Of(incident.GetPrimaryKeyString()).ToImmutableArray();
        var watcher = new IncidentChangeObserver(_ => true);
        var feed = cluster.Client.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global);
        await feed.Subscribe(cluster.Client.CreateObjectReference<IIncidentObserver>(watcher));

        await feed.Publish(events);
        await feed.Publish([events[^1] with { Incident = events[^1].Incident with { Title = "stale" } }]);
        var fresh = events[^1] with { Sequence = events[^1].Sequence + 1, Kind = TimelineEntryKind.Resolved };
        await feed.Publish([fresh]);

        var seen = await watcher.Changes.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(fresh.Sequence, seen.Sequence);
        Assert.False(watcher.Changes.Reader.TryRead(out _), "an event the feed had passed on was passed on again");
    }

    [Fact]
    public async Task AConsumerRebuildsFromAReplayOfTheStoredIncidentsWhatItHadBuiltFromTheirEvents()
    {
        var recorder = new RecordingSubscriber();
        await using var cluster = await StartAsync(recorder, silos: 1);
        var serviceId = AzuriteFixture.UniqueName("svc");
        var service = cluster.Client.GetGrain<IServiceGrain>(serviceId);
        await service.Register(Cluster.Alerts.Service(serviceId));
        var ids = new List<string>();
        foreach (var dedupKey in new[] { "disk-full", "cpu", "memory" })
        {
            ids.Add((await service.Ingest(Cluster.Alerts.Trigger(serviceId, dedupKey))).IncidentId!);
        }
        await service.Ingest(Cluster.Alerts.Trigger(serviceId, "disk-full"));
        await Incident(cluster, ids[1]).Acknowledge(Alice);
        await Incident(cluster, ids[2]).Resolve(Alice);
        var builtBefore = recorder.Delivered.Count;

        var replayed = await cluster.Client.GetGrain<IIncidentReplayGrain>(serviceId).ReplayService();

        Assert.Equal(3, replayed);
        // The repeat's count was written behind: the replay stored it first, so its event came before the replay.
        var builtLive = recorder.Delivered.Where(e => e.Kind != TimelineEntryKind.Replayed)
            .GroupBy(e => e.IncidentId).ToDictionary(g => g.Key, g => g.MaxBy(e => e.Sequence)!);
        var rebuilt = recorder.Delivered.Skip(builtBefore).Where(e => e.Kind == TimelineEntryKind.Replayed).ToDictionary(e => e.IncidentId);
        Assert.Equal(ids.Order(), rebuilt.Keys.Order());
        foreach (var id in ids)
        {
            Assert.Equal((builtLive[id].Sequence, builtLive[id].Incident), (rebuilt[id].Sequence, rebuilt[id].Incident));
        }
        Assert.Equal(2, rebuilt[ids[0]].Incident.AlertCount);
        Assert.Equal(IncidentStatus.Resolved, rebuilt[ids[2]].Incident.Status);
        Assert.Equal(0, await cluster.Client.GetGrain<IIncidentReplayGrain>(AzuriteFixture.UniqueName("svc")).ReplayService());
    }

    private Task<InProcessTestCluster> StartAsync(RecordingSubscriber recorder, short silos, FaultyGrainStorage.Faults? faults = null,
        IReadOnlyDictionary<string, string?>? settings = null) =>
        TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos, settings: settings, configure: silo =>
        {
            silo.Services.AddSingleton<IIncidentEventSubscriber>(recorder);
            if (faults is not null)
            {
                FaultyGrainStorage.Install(silo, faults);
            }
        });

    private static async Task<IIncidentGrain> OpenAsync(InProcessTestCluster cluster, string serviceId)
    {
        await cluster.Client.GetGrain<IServiceGrain>(serviceId).Register(Cluster.Alerts.Service(serviceId));
        var outcome = await cluster.Client.GetGrain<IServiceGrain>(serviceId).Ingest(Cluster.Alerts.Trigger(serviceId, "disk-full"));
        Assert.Equal(AlertDisposition.Opened, outcome.Disposition);
        return Incident(cluster, outcome.IncidentId!);
    }

    private static IIncidentGrain Incident(InProcessTestCluster cluster, string id) => cluster.Client.GetGrain<IIncidentGrain>(id);
}
