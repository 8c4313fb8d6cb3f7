using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.BusinessUnits;

/// <summary>An incident closes only with its resolution written down, restoration verified, and a high-risk one reviewed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClosingRulesTests(AzuriteFixture azurite) : IAsyncLifetime
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
        var incident = await ResolvedIncident(AlertSeverity.Info);
        await incident.RecordResolution("Cleared the stale lock", "admin console", "none", new ResponderAction("alice", null));
        await incident.VerifyRestoration(RestorationEvidence.UserConfirmation, "reporter confirms exports run", new ResponderAction("alice", null));

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

    private async Task<IIncidentGrain> ResolvedIncident(AlertSeverity severity)
    {
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, AzuriteFixture.UniqueName("unit"), severity: severity);
        await incident.Resolve(new ResponderAction("alice", null));
        return incident;
    }
}
