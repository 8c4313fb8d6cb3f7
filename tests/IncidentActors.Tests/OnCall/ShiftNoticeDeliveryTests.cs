using IncidentActors.Deadlines;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.OnCall;

/// <summary>Shift notices over several boundaries of a rotation with no incident open, on a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShiftNoticeDeliveryTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Shift = TimeSpan.FromHours(8);
    private static readonly string[] People = ["alice", "bob", "carol"];

    private readonly FakeTimeProvider _clock = new(Start.AddHours(1));
    private readonly string _serviceId = TestClusters.NewServiceId();
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await StartClusterAsync();
        foreach (var person in People)
        {
            await Grains.GetGrain<IResponderGrain>(person).Define(new ResponderDefinition(person, person, "UTC", []));
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task EachBoundaryTellsTheIncomingPersonTheyAreOnCallAndTheOutgoingOneWhoTookOver()
    {
        await DefineRotationAsync(noticesOff: false);
        (DateTimeOffset At, string From, string To)[] expected = [(Start + Shift, "alice", "bob"), (Start + 2 * Shift, "bob", "carol"), (Start + 3 * Shift, "carol", "alice")];

        foreach (var (at, from, to) in expected)
        {
            _clock.Advance(at - _clock.GetUtcNow());
            var on = await Eventually.Get(() => NoticesOf(to, ShiftNoticeKind.OnCall), n => n.Any(p => p.Notice!.ShiftStart == at), what: $"{to}'s on-call notice at {at:u}");
            var off = await Eventually.Get(() => NoticesOf(from, ShiftNoticeKind.OffCall), n => n.Any(p => p.Notice!.ShiftEnd == at), what: $"{from}'s off-call notice at {at:u}");
            Assert.Equal($"You are now on call for Payments until {at + Shift:yyyy-MM-dd HH:mm} UTC.", on.Single(p => p.Notice!.ShiftStart == at).Notice!.Text);
            Assert.Equal($"You are off call for Payments; {to} took over.", off.Single(p => p.Notice!.ShiftEnd == at).Notice!.Text);
        }

        // alice: off at 08:00, on at 00:00; bob and carol: on, then off.
        Assert.Equal([ShiftNoticeKind.OffCall, ShiftNoticeKind.OnCall], (await NoticesOf("alice")).Select(p => p.Notice!.Kind));
        Assert.Equal([ShiftNoticeKind.OnCall, ShiftNoticeKind.OffCall], (await NoticesOf("bob")).Select(p => p.Notice!.Kind));
        Assert.All(await NoticesOf("carol"), p => Assert.Equal("payments", p.Notice!.RotationId));
        Assert.Empty((await Grains.GetGrain<IOnCallRotationGrain>("payments").Get()).CommandedIncidents);
    }

    [Fact]
    public async Task ABoundaryFiredAgainNotifiesNobodyTwice()
    {
        await DefineRotationAsync(noticesOff: false);
        var boundary = Start + Shift;
        _clock.Advance(boundary - _clock.GetUtcNow());
        await Eventually.Get(() => NoticesOf("alice"), n => n.Length == 1, what: "alice's off-call notice");
        await Eventually.Get(() => NoticesOf("bob"), n => n.Length == 1, what: "bob's on-call notice");

        var rotation = Grains.GetGrain<IOnCallRotationGrain>("payments").AsReference<IDeadlineOwner>();
        await rotation.OnDeadline("shift-boundary", boundary);
        await rotation.OnDeadline("shift-boundary", boundary);
        // The key a notice carries is the responder's guard when the rotation did not get to store the boundary.
        var repeated = ShiftNotices.At("payments", "Payments", boundary, null, new Shift("bob", boundary, boundary + Shift, "layer:day", null), _clock.GetUtcNow());
        await Grains.GetGrain<IResponderGrain>("bob").Page(repeated[0]);

        Assert.Single(await NoticesOf("alice"));
        Assert.Single(await NoticesOf("bob"));
    }

    [Fact]
    public async Task ARotationThatOptedOutSendsNoNotices()
    {
        await DefineRotationAsync(noticesOff: true);

        _clock.Advance(Start + Shift - _clock.GetUtcNow());
        // The shift still changes hands: its handover deadline moves on to the next boundary.
        await Eventually.True(async () => (await Grains.GetGrain<IOnCallRotationGrain>("payments").Get()).NextHandoverAt == Start + 2 * Shift,
            what: "the handover to move on");

        foreach (var person in People)
        {
            Assert.Empty(await NoticesOf(person));
        }
    }

    [Fact]
    public async Task NoticesArmedBeforeASiloRestartAreSentOnceAfterIt()
    {
        await DefineRotationAsync(noticesOff: false);
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();

        _cluster = await StartClusterAsync();
        _clock.Advance(Start + Shift - _clock.GetUtcNow());

        await Eventually.Get(() => NoticesOf("bob"), n => n.Length == 1, what: "bob's on-call notice after the restart");
        await Eventually.Get(() => NoticesOf("alice"), n => n.Length == 1, what: "alice's off-call notice after the restart");
        _clock.Advance(Start + 2 * Shift - _clock.GetUtcNow());
        await Eventually.Get(() => NoticesOf("carol"), n => n.Length == 1, what: "carol's on-call notice at the next boundary");
        var bob = await Eventually.Get(() => NoticesOf("bob"), n => n.Length == 2, what: "bob's off-call notice at the next boundary");

        Assert.Equal([ShiftNoticeKind.OnCall, ShiftNoticeKind.OffCall], bob.Select(p => p.Notice!.Kind));
        Assert.Single(await NoticesOf("alice"));
    }

    private Task<InProcessTestCluster> StartClusterAsync() => TestClusters.StartAsync(azurite, _serviceId, silos: 1, _clock);

    private Task<RotationView> DefineRotationAsync(bool noticesOff) =>
        Grains.GetGrain<IOnCallRotationGrain>("payments").Define(new RotationDefinition("payments", "Payments",
            [new RotationLayer("day", [.. People], Shift, Start, "Etc/UTC", [])], [], [], noticesOff));

    /// <summary>The person's shift notices (of one kind, when given), oldest first.</summary>
    private async Task<Page[]> NoticesOf(string person, ShiftNoticeKind? kind = null)
    {
        _clock.Advance(TimeSpan.Zero);
        var log = await Grains.GetGrain<IResponderGrain>(person).Notifications(ResponderGrain.MaxNotifications);
        return [.. log.Select(n => n.Page).Where(p => p.Notice is { } notice && (kind is null || notice.Kind == kind)).Reverse()];
    }
}
