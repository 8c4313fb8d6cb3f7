using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents.Major;

/// <summary>Declaring major incidents and standing them down only on verified, confirmed restoration.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MajorIncidentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        await Grains.GetGrain<IBusinessUnitGrain>("bank").Define(new BusinessUnitDefinition("bank", "Bank", TestClusters.Region,
            BusinessUnitDefaults.Sre, BusinessUnitDefaults.StandardMatrix, [], [], ["cio", "head-of-comms"]));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task DeclaringRecordsTheBridgeItsParticipantsAndTheStakeholdersTold()
    {
        var incident = await Open();
        await incident.Acknowledge(new ResponderAction("alice", null));
        await incident.AssignRole(IncidentRole.Commander, "carol", new ResponderAction("alice", null));

        var declared = await incident.DeclareMajor(MajorIncidentCriterion.SlaBreachRisk, "https://meet.example.com/payments", new ResponderAction("carol", "settlement SLA at risk"));
        var again = await incident.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("dave", null));
        var joined = await incident.JoinBridge(new ResponderAction("erin", null));

        var major = declared.Major!;
        Assert.Equal((MajorIncidentCriterion.SlaBreachRisk, "carol", "https://meet.example.com/payments"), (major.Criterion, major.DeclaredBy, major.Bridge));
        Assert.Equal(["carol", "alice"], major.Participants.ToArray());
        Assert.Equal(["cio", "head-of-comms"], major.NotifiedStakeholders.ToArray());
        Assert.Equal(declared.Version, again.Version);
        Assert.Equal(["carol", "alice", "erin"], joined.Major!.Participants.ToArray());
        Assert.Contains("risk of SLA breach", declared.Timeline.Single(e => e.Kind == TimelineEntryKind.MajorDeclared).Message);
        foreach (var stakeholder in new[] { "cio", "head-of-comms" })
        {
            Assert.Single(await Grains.GetGrain<IResponderGrain>(stakeholder).Notifications(10), n => n.Page.IncidentId == declared.Id);
        }
    }

    [Fact]
    public async Task DeescalationWaitsForVerifiedRestorationAndEveryStakeholdersConfirmation()
    {
        var incident = await Open();
        await incident.DeclareMajor(MajorIncidentCriterion.ExecutiveEscalation, null, new ResponderAction("alice", null));

        var early = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Deescalate(new ResponderAction("alice", null)));
        Assert.Contains("not resolved", early.Message);
        Assert.Contains("restoration is not verified", early.Message);
        Assert.Contains("not confirmed by cio, head-of-comms", early.Message);

        // A technical resolve alone does not stand the major incident down.
        await incident.Resolve(new ResponderAction("alice", "failover done"));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.ConfirmRestoration(new ResponderAction("cio", null)));
        await incident.VerifyRestoration(RestorationEvidence.HealthCheck, "synthetic payments green for 15 min", new ResponderAction("alice", null));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.ConfirmRestoration(new ResponderAction("mallory", null)));
        await incident.ConfirmRestoration(new ResponderAction("cio", null));
        var halfConfirmed = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Deescalate(new ResponderAction("alice", null)));
        Assert.EndsWith("not confirmed by head-of-comms.", halfConfirmed.Message);
        await incident.ConfirmRestoration(new ResponderAction("head-of-comms", null));

        var stoodDown = await incident.Deescalate(new ResponderAction("alice", "all clear"));

        Assert.Equal("alice", stoodDown.Major!.DeescalatedBy);
        Assert.Equal(
            [TimelineEntryKind.MajorDeclared, TimelineEntryKind.Resolved, TimelineEntryKind.ChangesFrozen, TimelineEntryKind.RestorationVerified,
             TimelineEntryKind.RestorationConfirmed, TimelineEntryKind.RestorationConfirmed, TimelineEntryKind.MajorDeescalated],
            stoodDown.Timeline.Skip(1).Select(e => e.Kind).ToArray());
    }

    [Fact]
    public async Task AnIncidentAssessedSev1IsDeclaredMajorByThatCriterion()
    {
        var incident = await Open();

        var assessed = await incident.AssessImpact(BusinessImpact.Extensive, Urgency.Critical, new ResponderAction("alice", null));

        Assert.Equal(MajorIncidentCriterion.Sev1, assessed.Major!.Criterion);
        Assert.Equal(["cio", "head-of-comms"], assessed.Major.NotifiedStakeholders.ToArray());
    }

    [Fact]
    public async Task ResolvingAMajorIncidentFreezesChangesToItsServiceAndAMinorOneDoesNot()
    {
        var major = await Open();
        var minor = await Open();
        await major.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("alice", null));

        var resolved = await major.Resolve(new ResponderAction("alice", null));
        var again = await major.Resolve(new ResponderAction("alice", null));
        var minorResolved = await minor.Resolve(new ResponderAction("alice", null));

        var freeze = Assert.Single((await Grains.GetGrain<IServiceGrain>(resolved.ServiceId).Get()).ActiveChangeFreezes);
        Assert.Equal((resolved.Id, resolved.ResolvedAt!.Value, resolved.ResolvedAt.Value.AddHours(24)), (freeze.IncidentId, freeze.From, freeze.Until));
        Assert.Equal(resolved.Version, again.Version);
        Assert.Contains(resolved.Timeline, e => e.Kind == TimelineEntryKind.ChangesFrozen && e.Message.Contains(resolved.ServiceId));
        Assert.Empty((await Grains.GetGrain<IServiceGrain>(minorResolved.ServiceId).Get()).ActiveChangeFreezes);
    }

    [Fact]
    public async Task AChangeToAFrozenServiceIsRefusedUntilACommanderLetsThatChangeThrough()
    {
        var (alice, bob) = (new ResponderAction("alice", null), new ResponderAction("bob", null));
        var major = await Open();
        await major.DeclareMajor(MajorIncidentCriterion.ByHand, null, alice);
        var resolved = await major.Resolve(alice);
        var service = Grains.GetGrain<IServiceGrain>(resolved.ServiceId);
        var opened = await service.Ingest(new AlertEvent(resolved.ServiceId, AlertAction.Trigger, "slow", "Checkout slow", "probe", AlertSeverity.Error, null,
            System.Collections.Immutable.ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        var follow = Grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
        var before = await follow.Get();

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => follow.LinkItem(LinkedItemKind.ChangeRequest, "CHG-1042", "Roll back the cache", bob));
        Assert.Contains("change freeze", refused.Message);
        Assert.Equal(before.Version, (await follow.Get()).Version);
        await follow.LinkItem(LinkedItemKind.ProblemRecord, "PRB-7", null, bob);
        Assert.Equal(["reason"], (await Assert.ThrowsAsync<InvalidRequestException>(() => service.OverrideChangeFreeze("CHG-1042", " ", "cora")))
            .Violations.Select(v => v.Field));

        var granted = await service.OverrideChangeFreeze("CHG-1042", "rollback of the faulty release", "cora");
        var linked = await follow.LinkItem(LinkedItemKind.ChangeRequest, "CHG-1042", null, bob);

        Assert.EndsWith("under the change freeze, overridden by cora: rollback of the faulty release", linked.Timeline[^1].Message);
        Assert.Equal((resolved.ResolvedAt!.Value.AddHours(24), "cora"), (granted.Until, granted.ApprovedBy));
        Assert.Equal(granted, Assert.Single((await service.Get()).FreezeOverrides));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => follow.LinkItem(LinkedItemKind.ChangeRequest, "CHG-1043", null, bob));
        // Without a freeze, a change needs nothing, and an override is refused as pointless.
        var unfrozen = await Open();
        await unfrozen.LinkItem(LinkedItemKind.ChangeRequest, "CHG-1", null, bob);
        var unfrozenService = Grains.GetGrain<IServiceGrain>((await unfrozen.Get()).ServiceId);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => unfrozenService.OverrideChangeFreeze("CHG-1", "x", "cora"));
    }

    private Task<IIncidentGrain> Open() => Cluster.Alerts.OpenIncidentAsync(Grains, "bank", severity: AlertSeverity.Error);
}
