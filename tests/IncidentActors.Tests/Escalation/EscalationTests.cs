using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Escalation;

/// <summary>Escalation through levels and rounds, driven by a fake clock on one cluster shared by the class.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EscalationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Level1 = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Level2 = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Level3 = TimeSpan.FromMinutes(15);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        foreach (var person in new[] { "alice", "bob", "carol", "dave" })
        {
            await Grains.GetGrain<IResponderGrain>(person).Define(new ResponderDefinition(person, person, "Europe/London", []));
        }
        await Grains.GetGrain<IEscalationPolicyGrain>("primary").Define(new EscalationPolicyDefinition("primary", "Primary", [
            Level(Level1, "alice"),
            Level(Level2, "bob"),
            Level(Level3, "carol"),
        ], Repeats: 1, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(10)));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task UnansweredIncidentEscalatesThroughEveryLevelAndRepeatThenStops()
    {
        var incident = await OpenIncident();
        await PagedAsync(incident, 1);

        foreach (var wait in new[] { Level1, Level2, Level3, Level1, Level2 })
        {
            var pagesBefore = (await incident.Get()).Pages.Length;
            _clock.Advance(wait);
            await PagedAsync(incident, pagesBefore + 1);
        }
        _clock.Advance(Level3);
        var view = await Eventually.Get(() => incident.Get(), v => v.Escalation!.Exhausted, what: "escalation to be exhausted");

        Assert.Equal(
            [("alice", 1, 1), ("bob", 2, 1), ("carol", 3, 1), ("alice", 1, 2), ("bob", 2, 2), ("carol", 3, 2)],
            view.Pages.Select(p => (p.ResponderId, p.Level, p.Round)));
        Assert.Equal(6, view.Pages.Select(p => p.IdempotencyKey).Distinct().Count());
        Assert.Null(view.Escalation!.NextEscalationAt);
        Assert.Equal(TimelineEntryKind.EscalationExhausted, view.Timeline[^1].Kind);
    }

    [Fact]
    public async Task OpeningPagesLevelOneBeforeTheIncidentsOneWriteAndArmsOnlyItsAcknowledgementAndEventRedelivery()
    {
        var incident = await OpenIncident();

        var view = await incident.Get();
        Assert.Equal(1, view.Version);
        var page = Assert.Single(view.Pages);
        Assert.Equal(("alice", 1, view.OpenedAt), (page.ResponderId, page.Level, page.PagedAt));
        Assert.Equal(view.OpenedAt + Level1, view.Escalation!.NextEscalationAt);
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Paged], view.Timeline.Select(e => e.Kind));
        Assert.Single(await Grains.GetGrain<IResponderGrain>("alice").Notifications(100), n => n.Page.IdempotencyKey == page.IdempotencyKey);
        // The escalation deadline, and the events deadline that would deliver the opening's events had the silo died.
        Assert.Equal(2, (await Task.WhenAll(DeadlineShards.All(Grains).Select(shard => shard.Ping()))).Sum());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AcknowledgementAtAnyLevelStopsEscalation(int level)
    {
        var incident = await OpenIncident();
        await PagedAsync(incident, 1);
        foreach (var wait in new[] { Level1, Level2 }.Take(level - 1))
        {
            var before = (await incident.Get()).Pages.Length;
            _clock.Advance(wait);
            await PagedAsync(incident, before + 1);
        }

        var acknowledged = await incident.Acknowledge(new ResponderAction("alice", null));
        _clock.Advance(TimeSpan.FromHours(2));
        await SettleAsync();

        var view = await incident.Get();
        Assert.Equal(level, view.Pages.Length);
        Assert.Null(view.Escalation!.NextEscalationAt);
        Assert.Equal(acknowledged.Timeline.Length, view.Timeline.Length);
        var alicesPage = await Eventually.Get(
            async () => (await Grains.GetGrain<IResponderGrain>("alice").Notifications(100)).Single(n => n.Page.IncidentId == view.Id),
            n => n.AcknowledgedAt is not null, what: "the acknowledgement in alice's notification log");
        Assert.Equal(acknowledged.AcknowledgedAt, alicesPage.AcknowledgedAt);
    }

    [Fact]
    public async Task ResolvingStopsEscalation()
    {
        var incident = await OpenIncident();
        await PagedAsync(incident, 1);

        await incident.Resolve(new ResponderAction("alice", "false alarm"));
        _clock.Advance(TimeSpan.FromHours(1));
        await SettleAsync();

        Assert.Single((await incident.Get()).Pages);
    }

    [Fact]
    public async Task CommanderCanEscalateNowSkipToALevelAndReassign()
    {
        var incident = await OpenIncident();
        await PagedAsync(incident, 1);

        await incident.EscalateNow(new ResponderAction("alice", "need the database team"));
        await PagedAsync(incident, 2);
        await incident.SkipToLevel(3, new ResponderAction("alice", null));
        await PagedAsync(incident, 3);
        await incident.Acknowledge(new ResponderAction("carol", null));
        var reassigned = await incident.Reassign("dave", new ResponderAction("carol", "dave owns this"));

        Assert.Equal(["alice", "bob", "carol", "dave"], reassigned.Pages.Select(p => p.ResponderId));
        Assert.Equal(IncidentStatus.Triggered, reassigned.Status);
        var manual = reassigned.Timeline.Where(e => e.Actor != "escalation" && e.Kind is TimelineEntryKind.Escalated or TimelineEntryKind.Reassigned).ToList();
        Assert.Equal([TimelineEntryKind.Escalated, TimelineEntryKind.Escalated, TimelineEntryKind.Reassigned], manual.Select(e => e.Kind));
        Assert.Equal(["alice", "alice", "carol"], manual.Select(e => e.Actor));

        _clock.Advance(Level3);
        var afterReassign = await PagedAsync(incident, 5);
        Assert.Equal(("alice", 1, 2), (afterReassign.Pages[^1].ResponderId, afterReassign.Pages[^1].Level, afterReassign.Pages[^1].Round));
    }

    /// <summary>
    /// A deadline due before the incident's own is stale: the shard lost the arming that replaced it in a crash
    /// between the incident's write and that arming.
    /// </summary>
    [Fact]
    public async Task AStaleEscalationDeadlineIsArmedAgainNotDropped()
    {
        var incident = await OpenIncident();
        var paged = await PagedAsync(incident, 1);
        var escalateAt = paged.Escalation!.NextEscalationAt!.Value;
        // The shard drops what it fired once the incident returns; here it holds nothing else.
        await DeadlineShards.For(Grains, incident.GetGrainId()).Disarm(incident.GetGrainId(), "escalation");

        await incident.OnDeadline("escalation", escalateAt - Level1);
        Assert.Single((await incident.Get()).Pages);

        _clock.Advance(Level1);
        var escalated = await PagedAsync(incident, 2);
        Assert.Equal(("bob", 2), (escalated.Pages[^1].ResponderId, escalated.Pages[^1].Level));
        Assert.Equal(escalateAt, escalated.Pages[^1].PagedAt);
    }

    /// <summary>As a shard whose silo's clock runs a little ahead of the incident's fires it.</summary>
    [Fact]
    public async Task AnEscalationFiredEarlyByTheIncidentsClockWaitsForItThenEscalatesOnce()
    {
        var incident = await OpenIncident();
        var escalateAt = (await PagedAsync(incident, 1)).Escalation!.NextEscalationAt!.Value;
        var skew = TimeSpan.FromMilliseconds(300);
        _clock.Advance(escalateAt - skew - _clock.GetUtcNow());

        var fired = incident.OnDeadline("escalation", escalateAt);
        await Task.Delay(200);
        Assert.False(fired.IsCompleted, "the incident should wait for its own clock to reach the deadline");
        _clock.Advance(skew);
        await fired;

        var escalated = await PagedAsync(incident, 2);
        await SettleAsync();
        Assert.Equal([("alice", 1), ("bob", 2)], (await incident.Get()).Pages.Select(p => (p.ResponderId, p.Level)));
        Assert.Equal(escalateAt, escalated.Pages[^1].PagedAt);
    }

    /// <summary>
    /// Clocks further apart than any skew to wait out: the incident refuses the fire, so the shard keeps the deadline
    /// and fires it again after its retry delay, instead of the incident arming it again for the shard to fire at once.
    /// </summary>
    [Fact]
    public async Task AnEscalationFiredFarAheadOfTheIncidentsClockIsRefusedAndKeptInItsShard()
    {
        var incident = await OpenIncident();
        var escalateAt = (await PagedAsync(incident, 1)).Escalation!.NextEscalationAt!.Value;
        var shard = DeadlineShards.For(Grains, incident.GetGrainId());
        var held = await shard.Ping();

        await Assert.ThrowsAsync<InvalidOperationException>(() => incident.OnDeadline("escalation", escalateAt));

        Assert.Single((await incident.Get()).Pages);
        Assert.Equal(held, await shard.Ping());
        _clock.Advance(Level1);
        var escalated = await PagedAsync(incident, 2);
        Assert.Equal(escalateAt, escalated.Pages[^1].PagedAt);
    }

    [Fact]
    public async Task AnOverdueEscalationGoesOnWhicheverEscalationDeadlineWakesTheIncident()
    {
        var incident = await OpenIncident();
        await PagedAsync(incident, 1);
        // As after a crash between an arming that replaced the incident's deadline with a later one and the incident's own write.
        await DeadlineShards.For(Grains, incident.GetGrainId()).Disarm(incident.GetGrainId(), "escalation");
        _clock.Advance(Level1 + TimeSpan.FromMinutes(1));

        await incident.OnDeadline("escalation", _clock.GetUtcNow());

        var escalated = await incident.Get();
        Assert.Equal(("bob", 2), (escalated.Pages[^1].ResponderId, escalated.Pages[^1].Level));
        Assert.Equal(_clock.GetUtcNow() + Level2, escalated.Escalation!.NextEscalationAt);
    }

    [Fact]
    public async Task RepeatedPageOfAStepReachesTheResponderOnce()
    {
        var page = new Page("inc-x/L1/R1", "inc-x", "bob", "Disk full", AlertSeverity.Critical, 1, 1, "test", _clock.GetUtcNow());
        var bob = Grains.GetGrain<IResponderGrain>("bob");

        await bob.Page(page);
        await bob.Page(page with { Reason = "retried after failover" });

        var log = await bob.Notifications(100);
        Assert.Single(log, n => n.Page.IdempotencyKey == "inc-x/L1/R1");
    }

    private static EscalationLevel Level(TimeSpan acknowledgeWithin, params string[] responders) =>
        new([.. responders.Select(r => new EscalationTarget(EscalationTargetKind.Responder, r))], acknowledgeWithin);

    private async Task<IIncidentGrain> OpenIncident()
    {
        var serviceId = AzuriteFixture.UniqueName("svc");
        var service = Grains.GetGrain<IServiceGrain>(serviceId);
        await service.Register(new ServiceDefinition(serviceId, serviceId, "sre", "retail", "primary"));
        var outcome = await service.Ingest(new AlertEvent(serviceId, AlertAction.Trigger, "disk", "Disk full", "node-1",
            AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        return Grains.GetGrain<IIncidentGrain>(outcome.IncidentId!);
    }

    /// <summary>Waits until the incident has sent this many pages; the shard fires a just-armed step at once.</summary>
    private async Task<IncidentView> PagedAsync(IIncidentGrain incident, int pages)
    {
        _clock.Advance(TimeSpan.Zero);
        return await Eventually.Get(() => incident.Get(), v => v.Pages.Length >= pages, what: $"{pages} page(s)");
    }

    private async Task SettleAsync()
    {
        await Task.WhenAll(DeadlineShards.All(Grains).Select(s => s.Ping()));
        await Task.Delay(200);
    }
}
