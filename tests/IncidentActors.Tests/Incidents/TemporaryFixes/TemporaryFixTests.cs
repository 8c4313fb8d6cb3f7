using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Incidents.TemporaryFixes;

/// <summary>Temporary fixes expire on a durable deadline, driven here by a fake clock; an expired one raises a follow-up that blocks closing.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TemporaryFixTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(4);

    [Fact]
    public async Task ExpiredTemporaryFixRaisesOneFollowUpThatBlocksClosingUntilDone()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        var expiresAt = Clock.GetUtcNow() + Lifetime;
        await incident.RecordTemporaryFix("Pinned the broker to the previous image", expiresAt, new ResponderAction("alice", null));

        Clock.Advance(Lifetime);
        var expired = await Eventually.Get(Clock.Tick(incident), v => v.TemporaryFixes.Single().ExpiredAt is not null, what: "the temporary fix to expire");
        // Fired again, as a retry or a failover would: it acts once.
        await incident.OnDeadline("temporary-fix:1", expiresAt);
        await incident.OnDeadline("temporary-fix:1", expiresAt);

        var view = await incident.Get();
        Assert.Equal(expired.Version, view.Version);
        var followUp = Assert.Single(view.LinkedItems);
        Assert.Equal((LinkedItemKind.FollowUpTask, "temporary-fix-1", null), (followUp.Kind, followUp.Reference, followUp.DoneAt));
        Assert.Contains("Pinned the broker to the previous image", followUp.Title);
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.TemporaryFixExpired);
        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("reviewed", new ResponderAction("alice", null)));
        Assert.EndsWith("linked items are open: follow-up task 'temporary-fix-1'.", refused.Message);
        await incident.CompleteLinkedItem(LinkedItemKind.FollowUpTask, "temporary-fix-1", new ResponderAction("bob", "image fixed upstream"));
        Assert.Equal("reviewed", (await incident.Transition("reviewed", new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task FixMadePermanentBeforeItsExpiryRaisesNoFollowUp()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        await incident.RecordTemporaryFix("Raised the pool size by hand", Clock.GetUtcNow() + Lifetime, new ResponderAction("alice", null));
        var permanent = await incident.MakeFixPermanent(1, "Pool size set in the chart", new ResponderAction("bob", null));

        Clock.Advance(Lifetime * 2);
        await Clock.SettleAsync(Grains, incident);

        var view = await incident.Get();
        Assert.Equal(permanent.Version, view.Version);
        Assert.Empty(view.LinkedItems);
        Assert.Equal(("Pool size set in the chart", "bob", null), (view.TemporaryFixes.Single().PermanentFix, view.TemporaryFixes.Single().MadePermanentBy,
            view.TemporaryFixes.Single().ExpiredAt));
        Assert.Equal("reviewed", (await incident.Transition("reviewed", new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task MakingAnExpiredFixPermanentCompletesItsFollowUp()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        await incident.RecordTemporaryFix("Disabled the nightly export", Clock.GetUtcNow() + Lifetime, new ResponderAction("alice", null));
        Clock.Advance(Lifetime);
        await Eventually.Get(Clock.Tick(incident), v => v.LinkedItems.Length == 1, what: "the follow-up to be raised");

        var permanent = await incident.MakeFixPermanent(1, "Export rewritten to stream", new ResponderAction("bob", null));

        Assert.Equal("bob", permanent.LinkedItems.Single().DoneBy);
        Assert.EndsWith("follow-up task 'temporary-fix-1' is done", permanent.Timeline[^1].Message);
        Assert.Equal("reviewed", (await incident.Transition("reviewed", new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task PastExpiryOrBlankDescriptionIsRefusedAndChangesNothing()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        var before = await incident.Get();

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            incident.RecordTemporaryFix(" ", Clock.GetUtcNow() - TimeSpan.FromMinutes(1), new ResponderAction("alice", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => incident.MakeFixPermanent(1, "nothing to make permanent", new ResponderAction("alice", null)));

        Assert.Equal(["description", "expires_at"], refused.Violations.Select(v => v.Field));
        var after = await incident.Get();
        Assert.Equal((before.Version, 0), (after.Version, after.TemporaryFixes.Length));
    }
}
