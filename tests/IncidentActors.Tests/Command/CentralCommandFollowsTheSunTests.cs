using IncidentActors.Alerts;
using IncidentActors.Command;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Command;

/// <summary>
/// An enterprise-wide event's central command follows a two-region follow-the-sun rotation on a fake clock: offered and
/// paged at the boundary, taken on acceptance, kept by the outgoing commander (who is paged) when nobody accepts.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CentralCommandFollowsTheSunTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan AcceptWithin = TimeSpan.FromMinutes(15);

    // Singapore's 08:00 start is 00:00 UTC; until then London (EMEA) is on call.
    private static readonly DateTimeOffset ApacStart = new(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        foreach (var person in new[] { "sg-1", "ldn-1", "nyc-1" })
        {
            await Grains.GetGrain<IResponderGrain>(person).Define(new ResponderDefinition(person, person, "UTC", []));
        }
        await Grains.GetGrain<IOnCallRotationGrain>("central").Define(new RotationDefinition("central", "Central command", [],
        [
            new SunRegion("apac", "Asia/Singapore", new TimeOnly(8, 0), ["sg-1"]),
            new SunRegion("emea", "Europe/London", new TimeOnly(8, 0), ["ldn-1"]),
        ], [], ShiftNoticesOff: true));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AtTheBoundaryTheIncomingPersonIsOfferedAndPagedAndOnlyTheyCanAccept()
    {
        var ev = await FollowingEvent("sun-1");
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail", severity: AlertSeverity.Error);
        await ev.Attach(incident.GetPrimaryKeyString(), new ResponderAction("ldn-1", null));

        _clock.Advance(ApacStart - _clock.GetUtcNow());
        var offered = await Eventually.Get(() => ev.Get(), v => v.PendingCentralHandover is not null, what: "central command to be offered");
        var pending = offered.PendingCentralHandover!;
        Assert.Equal(("ldn-1", "sg-1", "apac", ApacStart, ApacStart + AcceptWithin),
            (pending.OutgoingCommander, pending.IncomingCommander, pending.Region, pending.Boundary, pending.AcceptBy));
        Assert.Equal("ldn-1", offered.Commander);
        Assert.Contains(offered.Timeline, e => e.Kind == TimelineEntryKind.CommandHandoverProposed && e.Message.Contains("from ldn-1 to sg-1"));
        Assert.Contains(await Grains.GetGrain<IResponderGrain>("sg-1").Notifications(50),
            n => n.Page.IdempotencyKey == $"sun-1/central-handover/{ApacStart.UtcTicks}/sg-1");

        await Assert.ThrowsAsync<IllegalTransitionException>(() => ev.AcceptCentralCommand(new ResponderAction("nyc-1", null)));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => ev.AcceptCentralCommand(new ResponderAction("ldn-1", null)));
        var refused = await ev.Get();
        Assert.Equal(("ldn-1", offered.Timeline.Length), (refused.Commander, refused.Timeline.Length));
        Assert.Equal(pending, refused.PendingCentralHandover);

        var accepted = await ev.AcceptCentralCommand(new ResponderAction("sg-1", "APAC has central command"));
        Assert.Equal("sg-1", accepted.Commander);
        Assert.Null(accepted.PendingCentralHandover);
        Assert.Contains(accepted.Timeline, e => e.Kind == TimelineEntryKind.CommandHandoverAccepted && e.Actor == "sg-1");
        Assert.Equal("sg-1", (await incident.Get()).CentralCommand?.Commander);

        // The accept deadline passing now escalates nothing: the outgoing commander is not paged.
        _clock.Advance(AcceptWithin);
        await Task.WhenAll(DeadlineShards.All(Grains).Select(s => s.Ping()));
        Assert.Equal("sg-1", (await ev.Get()).Commander);
        Assert.DoesNotContain(await Grains.GetGrain<IResponderGrain>("ldn-1").Notifications(50), n => n.Page.IncidentId == "sun-1");
    }

    [Fact]
    public async Task NotAcceptedInTimeTheOutgoingCommanderKeepsCommandAndIsPagedOnce()
    {
        var ev = await FollowingEvent("sun-2");
        _clock.Advance(ApacStart - _clock.GetUtcNow());
        await Eventually.Get(() => ev.Get(), v => v.PendingCentralHandover is not null, what: "central command to be offered");

        _clock.Advance(AcceptWithin);
        var kept = await Eventually.Get(() => Tick(ev.Get()), v => v.PendingCentralHandover is null, what: "the offer to lapse");
        Assert.Equal("ldn-1", kept.Commander);
        Assert.Contains(kept.Timeline, e => e.Kind == TimelineEntryKind.CommandHandoverEscalated && e.Message.Contains("ldn-1 stays in central command"));
        var ldn = Grains.GetGrain<IResponderGrain>("ldn-1");
        Assert.Single(await ldn.Notifications(50), n => n.Page.IncidentId == "sun-2");
        await Assert.ThrowsAsync<IllegalTransitionException>(() => ev.AcceptCentralCommand(new ResponderAction("sg-1", null)));

        // A repeated fire of the lapsed accept deadline pages nobody again and records nothing.
        await ev.AsReference<IDeadlineOwner>().OnDeadline(CommandCenterGrain.CentralHandoverDeadline, ApacStart + AcceptWithin);
        Assert.Equal(kept.Timeline.Length, (await ev.Get()).Timeline.Length);
        Assert.Single(await ldn.Notifications(50), n => n.Page.IncidentId == "sun-2");
        Assert.Single(await Grains.GetGrain<IResponderGrain>("sg-1").Notifications(50), n => n.Page.IncidentId == "sun-2");
    }

    private async Task<ICommandCenterGrain> FollowingEvent(string id)
    {
        var ev = Grains.GetGrain<ICommandCenterGrain>(id);
        await ev.Open("Region-wide outage", "ldn-1", new ResponderAction("ldn-1", null));
        var following = await ev.FollowTheSun("central", new ResponderAction("ldn-1", "follow the sun"));
        Assert.Equal("central", following.CentralRotationId);
        return ev;
    }

    private Task<T> Tick<T>(Task<T> probe)
    {
        _clock.Advance(TimeSpan.Zero);
        return probe;
    }
}
