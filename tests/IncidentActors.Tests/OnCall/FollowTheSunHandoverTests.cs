using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.OnCall;

/// <summary>
/// Open incidents follow the sun: handed over at every regional shift start, and their command offered to the incoming
/// region's commander, on a fake clock.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FollowTheSunHandoverTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan AcceptWithin = TimeSpan.FromMinutes(30);
    private static readonly DateTimeOffset ApacStart = new(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);

    // 2026-03-29: London springs forward at 01:00 UTC, so EMEA's 08:00 start is 07:00 UTC that day.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 28, 23, 0, 0, TimeSpan.Zero));
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        foreach (var person in new[] { "sg-1", "ldn-1", "nyc-1", "duty-manager" })
        {
            await Grains.GetGrain<IResponderGrain>(person).Define(new ResponderDefinition(person, person, "UTC", []));
        }
        await Grains.GetGrain<IOnCallRotationGrain>("global").Define(new RotationDefinition("global", "Global SRE", [],
        [
            new SunRegion("apac", "Asia/Singapore", new TimeOnly(8, 0), ["sg-1"]),
            new SunRegion("emea", "Europe/London", new TimeOnly(8, 0), ["ldn-1"]),
            new SunRegion("amer", "America/New_York", new TimeOnly(8, 0), ["nyc-1"]),
        ], []));
        await Grains.GetGrain<IEscalationPolicyGrain>("follow-the-sun").Define(new EscalationPolicyDefinition("follow-the-sun", "Follow the sun",
        [
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Rotation, "global")], TimeSpan.FromMinutes(15)),
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "duty-manager")], TimeSpan.FromMinutes(15)),
        ], Repeats: 0, HandoverAcknowledgeWithin: AcceptWithin));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task OpenIncidentIsHandedOverAtEveryRegionalStartAcrossADaylightSavingDay()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        var expected = new[]
        {
            (At: new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero), From: "nyc-1", To: "sg-1"),
            (At: new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), From: "sg-1", To: "ldn-1"),
            (At: new DateTimeOffset(2026, 3, 29, 12, 0, 0, TimeSpan.Zero), From: "ldn-1", To: "nyc-1"),
            (At: new DateTimeOffset(2026, 3, 30, 0, 0, 0, TimeSpan.Zero), From: "nyc-1", To: "sg-1"),
        };

        foreach (var (at, from, to) in expected)
        {
            _clock.Advance(at - _clock.GetUtcNow());
            var view = await Eventually.Get(() => incident.Get(), v => v.PendingHandover?.IncomingResponderId == to,
                what: $"the handover to {to} at {at:u}");
            var entry = view.Timeline.Last(e => e.Kind == TimelineEntryKind.HandedOver);
            Assert.Equal(at, entry.At);
            Assert.Contains($"from {from} to {to}", entry.Message);
            Assert.Equal(at + AcceptWithin, view.PendingHandover!.AcceptBy);
            await incident.AcceptHandover(new ResponderAction(to, "taking it"));
        }

        var final = await incident.Get();
        Assert.Null(final.PendingHandover);
        Assert.DoesNotContain(final.Pages, p => p.ResponderId == "duty-manager");
        Assert.Equal(4, final.Pages.Count(p => p.IdempotencyKey.Contains("/handover/")));
        Assert.True((await incident.VerifyTimeline()).Intact);
    }

    [Fact]
    public async Task UnacceptedHandoverEscalatesToTheNextLevel()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        _clock.Advance(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        await Eventually.Get(() => incident.Get(), v => v.PendingHandover is not null, what: "the handover");

        _clock.Advance(AcceptWithin);

        var view = await Eventually.Get(() => Tick(incident.Get()), v => v.Pages.Any(p => p.ResponderId == "duty-manager"), what: "the duty manager to be paged");
        Assert.Null(view.PendingHandover);
        Assert.Contains(view.Timeline, e => e.Kind == TimelineEntryKind.Escalated && e.Message.Contains("did not accept the handover"));
    }

    /// <summary>As a shard whose silo's clock runs a little ahead of the rotation's fires the shift boundary.</summary>
    [Fact]
    public async Task AShiftBoundaryFiredEarlyByTheRotationsClockWaitsForItInsteadOfBeingDropped()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        var at = new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero);
        var skew = TimeSpan.FromMilliseconds(300);
        _clock.Advance(at - skew - _clock.GetUtcNow());

        var fired = Grains.GetGrain<IOnCallRotationGrain>("global").AsReference<IDeadlineOwner>().OnDeadline("handover", at);
        await Task.Delay(200);
        Assert.False(fired.IsCompleted, "the rotation should wait for its own clock to reach the shift boundary");
        _clock.Advance(skew);
        await fired;

        var view = await Eventually.Get(() => incident.Get(), v => v.PendingHandover?.IncomingResponderId == "sg-1", what: "the handover to sg-1");
        Assert.Equal(at, Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.HandedOver).At);
    }

    [Fact]
    public async Task OnlyTheIncomingResponderCanAcceptAHandover()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        _clock.Advance(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        await Eventually.Get(() => incident.Get(), v => v.PendingHandover is not null, what: "the handover");

        await Assert.ThrowsAsync<Errors.IllegalTransitionException>(() => incident.AcceptHandover(new ResponderAction("ldn-1", null)));
    }

    [Fact]
    public async Task ResolvedIncidentIsNoLongerHandedOver()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        var resolved = await incident.Resolve(new ResponderAction("nyc-1", "fixed"));
        await Eventually.True(async () => (await Grains.GetGrain<IOnCallRotationGrain>("global").Get()).CommandedIncidents.IsEmpty,
            what: "the rotation to forget the incident");

        _clock.Advance(new DateTimeOffset(2026, 3, 29, 0, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        await Task.WhenAll(IncidentActors.Deadlines.DeadlineShards.All(Grains).Select(s => s.Ping()));

        Assert.Equal(resolved.Timeline.Length, (await incident.Get()).Timeline.Length);
    }

    [Fact]
    public async Task ARotationThatLostTrackOfItsIncidentsGetsThemBackFromAReplayOfTheStoredIncidents()
    {
        var rotation = Grains.GetGrain<IOnCallRotationGrain>("global");
        var open = await OpenAcknowledgedIncident("nyc-1");
        var resolved = await OpenAcknowledgedIncident("nyc-1");
        await resolved.Resolve(new ResponderAction("nyc-1", null));
        await Eventually.True(async () => !(await rotation.Get()).CommandedIncidents.Contains(resolved.GetPrimaryKeyString()),
            what: "the resolved incident to be released");
        // The rotation's projection goes wrong both ways: it forgets an open incident and holds on to a resolved one.
        await rotation.Untrack(open.GetPrimaryKeyString());
        await rotation.Track(resolved.GetPrimaryKeyString());

        foreach (var incident in new[] { open, resolved })
        {
            var serviceId = (await incident.Get()).ServiceId;
            Assert.Equal(1, await Grains.GetGrain<IIncidentReplayGrain>(serviceId).ReplayService());
        }

        var commanded = (await rotation.Get()).CommandedIncidents;
        Assert.Contains(open.GetPrimaryKeyString(), commanded);
        Assert.DoesNotContain(resolved.GetPrimaryKeyString(), commanded);
    }

    [Fact]
    public async Task TheIncomingRegionsCommanderTakesCommandOnceTheyAccept()
    {
        var incident = await OpenCommandedIncident();
        _clock.Advance(ApacStart - _clock.GetUtcNow());

        var offered = await Eventually.Get(() => incident.Get(), v => v.PendingCommandHandover is not null, what: "command offered to sg-1");
        Assert.Equal(("nyc-1", "sg-1", "apac", ApacStart + AcceptWithin),
            (offered.PendingCommandHandover!.OutgoingCommanderId, offered.PendingCommandHandover.IncomingCommanderId, offered.PendingCommandHandover.Region,
                offered.PendingCommandHandover.AcceptBy));
        Assert.Equal("nyc-1", Commander(offered));
        await Assert.ThrowsAsync<Errors.IllegalTransitionException>(() => incident.AcceptCommandHandover(new ResponderAction("ldn-1", null)));

        await incident.AcceptHandover(new ResponderAction("sg-1", null));
        var accepted = await incident.AcceptCommandHandover(new ResponderAction("sg-1", "I have command"));

        Assert.Null(accepted.PendingCommandHandover);
        Assert.Equal("sg-1", Commander(accepted));
        Assert.Equal([TimelineEntryKind.CommandHandoverProposed, TimelineEntryKind.CommandHandoverAccepted],
            accepted.Timeline.Where(e => e.Kind is TimelineEntryKind.CommandHandoverProposed or TimelineEntryKind.CommandHandoverAccepted).Select(e => e.Kind));
        _clock.Advance(AcceptWithin);
        Assert.DoesNotContain((await Tick(incident.Get())).Timeline, e => e.Kind == TimelineEntryKind.CommandHandoverEscalated);

        // The next region's handover offers command onward from the new commander.
        _clock.Advance(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero) - _clock.GetUtcNow());
        var onward = await Eventually.Get(() => incident.Get(), v => v.PendingCommandHandover?.IncomingCommanderId == "ldn-1", what: "command offered to ldn-1");
        Assert.Equal("sg-1", onward.PendingCommandHandover!.OutgoingCommanderId);
        Assert.True((await incident.VerifyTimeline()).Intact);
    }

    [Fact]
    public async Task CommandNotAcceptedInTimeStaysWithTheOutgoingCommanderWhoIsTold()
    {
        var incident = await OpenCommandedIncident();
        _clock.Advance(ApacStart - _clock.GetUtcNow());
        await Eventually.Get(() => incident.Get(), v => v.PendingCommandHandover is not null, what: "command offered to sg-1");

        _clock.Advance(AcceptWithin);

        var kept = await Eventually.Get(() => Tick(incident.Get()), v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.CommandHandoverEscalated),
            what: "the command handover to escalate");
        Assert.Null(kept.PendingCommandHandover);
        Assert.Equal("nyc-1", Commander(kept));
        Assert.Contains("nyc-1 stays in command", kept.Timeline.Last(e => e.Kind == TimelineEntryKind.CommandHandoverEscalated).Message);
        var told = await Grains.GetGrain<IResponderGrain>("nyc-1").Notifications(10);
        Assert.Contains(told, n => n.Page.IncidentId == incident.GetPrimaryKeyString() && n.Page.Reason.Contains("you stay in command"));
        await Assert.ThrowsAsync<Errors.IllegalTransitionException>(() => incident.AcceptCommandHandover(new ResponderAction("sg-1", null)));
    }

    [Fact]
    public async Task AnIncidentWithoutACommanderHandsOverOnCallOnly()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        _clock.Advance(ApacStart - _clock.GetUtcNow());

        var view = await Eventually.Get(() => incident.Get(), v => v.PendingHandover is not null, what: "the on-call handover");

        Assert.Null(view.PendingCommandHandover);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.CommandHandoverProposed);
    }

    /// <summary>Commanded by the responder on call when it opened, who acknowledged it.</summary>
    private async Task<IIncidentGrain> OpenCommandedIncident()
    {
        var incident = await OpenAcknowledgedIncident("nyc-1");
        await incident.AssignRole(IncidentRole.Commander, "nyc-1", new ResponderAction("nyc-1", null));
        return incident;
    }

    private static string? Commander(IncidentView view) => view.Roles.FirstOrDefault(r => r.Role == IncidentRole.Commander)?.ResponderId;

    private async Task<IIncidentGrain> OpenAcknowledgedIncident(string onCall)
    {
        var serviceId = AzuriteFixture.UniqueName("svc");
        await Grains.GetGrain<IServiceGrain>(serviceId).Register(new ServiceDefinition(serviceId, serviceId, "sre", "global", "follow-the-sun"));
        var opened = await Grains.GetGrain<IServiceGrain>(serviceId).Ingest(new AlertEvent(serviceId, AlertAction.Trigger, "edge", "Edge 5xx",
            "edge-1", AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        var incident = Grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
        var paged = await Eventually.Get(() => Tick(incident.Get()), v => v.Pages.Length == 1, what: "the first page");
        Assert.Equal(onCall, paged.Pages[0].ResponderId);
        await incident.Acknowledge(new ResponderAction(onCall, null));
        await Eventually.True(async () => (await Grains.GetGrain<IOnCallRotationGrain>("global").Get()).CommandedIncidents.Contains(opened.IncidentId!),
            what: "the rotation to command the incident");
        return incident;
    }

    private Task<T> Tick<T>(Task<T> probe)
    {
        _clock.Advance(TimeSpan.Zero);
        return probe;
    }
}
