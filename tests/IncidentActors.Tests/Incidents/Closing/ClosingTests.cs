using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents.Closing;

/// <summary>
/// An incident closes only with its resolution written down, restoration verified, a high-risk one
/// reviewed, and none of its linked items open.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClosingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ClosingNamesEverythingStillMissingAndChangesNothing()
    {
        var incident = await ResolvedIncident(AlertSeverity.Critical);
        var before = await incident.Get();

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("reviewed", new ResponderAction("alice", null)));

        Assert.Contains("resolution is not recorded", refused.Message);
        Assert.Contains("restoration is not verified", refused.Message);
        Assert.Contains("needs a second person's review", refused.Message);
        var after = await incident.Get();
        Assert.Equal((before.Version, before.Timeline.Length, "resolved"), (after.Version, after.Timeline.Length, after.Lifecycle.State));
    }

    [Fact]
    public async Task HighRiskIncidentNeedsASecondPersonAndNewNotesNeedANewReview()
    {
        var incident = await ResolvedIncident(AlertSeverity.Error);
        await incident.RecordResolution("Restarted the broker", "kubectl", "none", new ResponderAction("alice", null));
        await incident.VerifyRestoration(RestorationEvidence.HealthCheck, "queue depth normal", new ResponderAction("alice", null));

        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.ReviewClosure(new ResponderAction("alice", null)));
        await incident.ReviewClosure(new ResponderAction("bob", "checked the runbook was followed"));
        var rewritten = await incident.RecordResolution("Restarted the broker and raised its memory limit", "kubectl", "broker memory 2 GiB -> 4 GiB",
            new ResponderAction("alice", null));
        Assert.Null(rewritten.ClosureReview);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("reviewed", new ResponderAction("alice", null)));
        await incident.ReviewClosure(new ResponderAction("bob", null));

        var closed = await incident.Transition("reviewed", new ResponderAction("alice", null));

        Assert.Equal("reviewed", closed.Lifecycle.State);
        Assert.Equal(("bob", "broker memory 2 GiB -> 4 GiB"), (closed.ClosureReview!.ReviewedBy, closed.ResolutionNotes!.ConfigurationChanges));
    }

    [Fact]
    public async Task LowRiskIncidentClosesWithoutReview()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);

        var closed = await incident.Transition("reviewed", new ResponderAction("alice", null));

        Assert.Equal(IncidentSeverity.Sev4, closed.IncidentSeverity);
        Assert.Equal("reviewed", closed.Lifecycle.State);
    }

    [Fact]
    public async Task MajorIncidentClosesOnlyOnceDeescalated()
    {
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, AzuriteFixture.UniqueName("unit"), severity: AlertSeverity.Info);
        await incident.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("alice", null));
        await incident.Resolve(new ResponderAction("alice", null));
        await incident.RecordResolution("Failed over", "runbook", "none", new ResponderAction("alice", null));
        await incident.VerifyRestoration(RestorationEvidence.HealthCheck, "all green", new ResponderAction("alice", null));
        await incident.ReviewClosure(new ResponderAction("bob", null));

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("reviewed", new ResponderAction("alice", null)));
        Assert.EndsWith("the major incident is not de-escalated.", refused.Message);
        await incident.Deescalate(new ResponderAction("alice", null));

        Assert.Equal("reviewed", (await incident.Transition("reviewed", new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task OpenLinkedItemBlocksClosingUntilMarkedDone()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        await incident.LinkItem(LinkedItemKind.ProblemRecord, "PRB-1042", "Broker memory leak", new ResponderAction("alice", null));

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("reviewed", new ResponderAction("alice", null)));
        Assert.EndsWith("linked items are open: problem record 'PRB-1042'.", refused.Message);
        await incident.CompleteLinkedItem(LinkedItemKind.ProblemRecord, "PRB-1042", new ResponderAction("bob", "root cause fixed"));
        var closed = await incident.Transition("reviewed", new ResponderAction("alice", null));

        Assert.Equal(("reviewed", "bob"), (closed.Lifecycle.State, closed.LinkedItems.Single().DoneBy));
        Assert.Equal(["Linked problem record 'PRB-1042' (Broker memory leak)", "Done: problem record 'PRB-1042': root cause fixed"],
            closed.Timeline.Where(e => e.Kind is TimelineEntryKind.ItemLinked or TimelineEntryKind.LinkedItemDone).Select(e => e.Message));
    }

    [Fact]
    public async Task OpenChildIncidentBlocksClosingAndAResolvedOneDoesNot()
    {
        var parent = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        var child = await Cluster.Alerts.OpenIncidentAsync(Grains, AzuriteFixture.UniqueName("unit"), severity: AlertSeverity.Info);
        var childId = child.GetPrimaryKeyString();
        var linked = await parent.LinkItem(LinkedItemKind.ChildIncident, childId, null, new ResponderAction("alice", null));
        Assert.Equal("Checkout down", linked.LinkedItems.Single().Title);

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => parent.Transition("reviewed", new ResponderAction("alice", null)));
        Assert.Contains($"child incident '{childId}' (triggered)", refused.Message);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => parent.CompleteLinkedItem(LinkedItemKind.ChildIncident, childId, new ResponderAction("alice", null)));
        await child.Resolve(new ResponderAction("bob", null));

        Assert.Equal("reviewed", (await parent.Transition("reviewed", new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task LinkingTheSameItemAgainChangesNothingAndUnlinkingLiftsTheBlock()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        var first = await incident.LinkItem(LinkedItemKind.ChangeRequest, "CHG-77", null, new ResponderAction("alice", null));

        var again = await incident.LinkItem(LinkedItemKind.ChangeRequest, "CHG-77", "another title", new ResponderAction("bob", null));
        var unlinked = await incident.UnlinkItem(LinkedItemKind.ChangeRequest, "CHG-77", new ResponderAction("alice", "not related after all"));

        Assert.Equal((first.Version, "CHG-77"), (again.Version, again.LinkedItems.Single().Title));
        Assert.Empty(unlinked.LinkedItems);
        Assert.Equal("Unlinked change request 'CHG-77': not related after all", unlinked.Timeline[^1].Message);
        Assert.Equal("reviewed", (await incident.Transition("reviewed", new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task LinkingItselfAnUnknownIncidentOrBadInputIsRefusedAndChangesNothing()
    {
        var incident = await Cluster.Alerts.OpenReadyToCloseAsync(Grains);
        var before = await incident.Get();

        var self = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            incident.LinkItem(LinkedItemKind.ChildIncident, incident.GetPrimaryKeyString(), null, new ResponderAction("alice", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => incident.LinkItem(LinkedItemKind.ChildIncident, "no-such-incident", null, new ResponderAction("alice", null)));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => incident.LinkItem((LinkedItemKind)9, "", null, new ResponderAction("alice", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => incident.CompleteLinkedItem(LinkedItemKind.ProblemRecord, "PRB-1", new ResponderAction("alice", null)));

        Assert.Equal("reference", self.Violations.Single().Field);
        Assert.Equal(["kind", "reference"], bad.Violations.Select(v => v.Field));
        var after = await incident.Get();
        Assert.Equal((before.Version, before.Timeline.Length, 0), (after.Version, after.Timeline.Length, after.LinkedItems.Length));
    }

    private async Task<IIncidentGrain> ResolvedIncident(AlertSeverity severity)
    {
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, AzuriteFixture.UniqueName("unit"), severity: severity);
        await incident.Resolve(new ResponderAction("alice", null));
        return incident;
    }
}
