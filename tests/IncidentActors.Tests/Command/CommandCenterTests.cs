using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Command;

/// <summary>Central command over incidents of several units, on a cluster of two silos.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommandCenterTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 2);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task CentralDecisionsReachEveryCommandedIncidentAndLocalCommandKeepsTheTechnicalWork()
    {
        var retail = await Open("retail");
        var bank = await Open("bank");
        var center = Grains.GetGrain<ICommandCenterGrain>(AzuriteFixture.UniqueName("event"));
        await center.Open("Card network outage", "gcc-lead", new ResponderAction("gcc-lead", null));
        await center.Attach(retail.GetPrimaryKeyString(), new ResponderAction("gcc-lead", null));
        await center.Attach(bank.GetPrimaryKeyString(), new ResponderAction("gcc-lead", null));

        var decided = await center.DecideSeverity(IncidentSeverity.Sev1, new ResponderAction("gcc-lead", "customer-facing in all markets"));
        await center.Communicate("Card payments are failing in all markets; next update 10:30 UTC.", new ResponderAction("gcc-lead", null));

        foreach (var incident in new[] { retail, bank })
        {
            var view = await incident.Get();
            Assert.Equal(IncidentSeverity.Sev1, view.IncidentSeverity);
            Assert.Equal(decided.Id, view.CentralCommand!.EventId);
            Assert.Equal(
                [TimelineEntryKind.CentralCommandTaken, TimelineEntryKind.CentralDecision, TimelineEntryKind.CentralDecision],
                view.Timeline.Skip(1).Select(e => e.Kind).ToArray());
            // Local command keeps acknowledging and working; severity and closing are central.
            await incident.Acknowledge(new ResponderAction("local-oncall", null));
            await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.AssessImpact(BusinessImpact.Minor, Urgency.Low, new ResponderAction("local-oncall", null)));
        }
        await Assert.ThrowsAsync<PermissionDeniedException>(() => center.DecideSeverity(IncidentSeverity.Sev3, new ResponderAction("local-oncall", null)));
    }

    [Fact]
    public async Task CommandHandedBackIsInBothTimelinesAndTheEventClosesOnlyWhenItsIncidentsAreResolved()
    {
        var retail = await Open("retail");
        var bank = await Open("bank");
        var center = Grains.GetGrain<ICommandCenterGrain>(AzuriteFixture.UniqueName("event"));
        var commander = new ResponderAction("gcc-lead", null);
        await center.Open("Data centre power loss", "gcc-lead", commander);
        await center.Attach(retail.GetPrimaryKeyString(), commander);
        await center.Attach(bank.GetPrimaryKeyString(), commander);

        var handedBack = await center.HandBack(bank.GetPrimaryKeyString(), new ResponderAction("gcc-lead", "bank impact is local"));
        var bankView = await bank.Get();
        Assert.Null(bankView.CentralCommand);
        Assert.Equal(TimelineEntryKind.HandedBackToLocalCommand, bankView.Timeline[^1].Kind);
        Assert.Contains(handedBack.Timeline, e => e.Kind == TimelineEntryKind.HandedBackToLocalCommand && e.Message.Contains(bank.GetPrimaryKeyString()));
        Assert.False(handedBack.Children.Single(c => c.IncidentId == bank.GetPrimaryKeyString()).Status == EventChildStatus.CentralCommand);

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => center.Close(commander));
        Assert.Contains(retail.GetPrimaryKeyString(), refused.Message);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => retail.Transition("reviewed", new ResponderAction("local-oncall", null)));

        await retail.Resolve(new ResponderAction("local-oncall", null));
        await retail.RecordResolution("Moved load to the second site", "runbook", "none", new ResponderAction("local-oncall", null));
        await retail.VerifyRestoration(RestorationEvidence.UserConfirmation, "stores report tills working", new ResponderAction("local-oncall", null));
        await retail.ReviewClosure(new ResponderAction("local-lead", null));
        var closed = await center.Close(commander);
        var reviewed = await retail.Transition("reviewed", new ResponderAction("local-oncall", null));

        Assert.NotNull(closed.ClosedAt);
        Assert.Equal("reviewed", reviewed.Lifecycle.State);
        Assert.Null(reviewed.CentralCommand);
    }

    [Fact]
    public async Task MajorIncidentsOfTwoUnitsWithinTheWindowAreProposedAsOneEvent()
    {
        var proposals = Grains.GetGrain<IEventProposalsGrain>(IEventProposalsGrain.Global);
        var before = (await proposals.List()).Length;
        var retail = await Open("retail");
        var retailToo = await Open("retail");
        var bank = await Open("bank");

        await retail.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("alice", null));
        await retailToo.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("alice", null));
        Assert.Equal(before, (await Eventually.Get(() => proposals.List(), _ => true)).Length);
        await bank.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("bob", null));

        var proposal = (await Eventually.Get(() => proposals.List(), p => p.Length == before + 1, what: "a proposal"))[^1];
        Assert.Equal(
            new[] { retail, retailToo, bank }.Select(i => i.GetPrimaryKeyString()).Order().ToArray(),
            proposal.Incidents.Select(n => n.IncidentId).Order().ToArray());

        var accepted = await proposals.Accept(proposal.Id, AzuriteFixture.UniqueName("event"), "Shared outage", new ResponderAction("gcc-lead", null));
        Assert.Equal(3, accepted.Children.Count(c => c.Status == EventChildStatus.CentralCommand));
        Assert.DoesNotContain(await proposals.List(), p => p.Id == proposal.Id);
    }

    private Task<IIncidentGrain> Open(string unit) => Cluster.Alerts.OpenIncidentAsync(Grains, unit, severity: AlertSeverity.Error);
}
