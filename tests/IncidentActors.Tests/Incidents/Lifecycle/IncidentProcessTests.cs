using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents.Lifecycle;

/// <summary>Incidents follow their business unit's lifecycle model, severity matrix and regulatory tags.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class IncidentProcessTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ItilIncidentMovesOnlyAlongItsModelAndAnIllegalMoveChangesNothing()
    {
        var incident = await OpenIn(await DefineUnit(BusinessUnitDefaults.Itil));
        var opened = await incident.Get();
        Assert.Equal(("itil", "new"), (opened.Lifecycle.Model, opened.Lifecycle.State));
        Assert.Equal(["assigned", "resolved"], opened.Lifecycle.Next.ToArray());

        var refused = await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("in progress", new ResponderAction("alice", null)));
        Assert.Contains("allows only 'assigned', 'resolved'", refused.Message);
        Assert.Equal((opened.Version, opened.Timeline.Length, "new"), Progress(await incident.Get()));

        var assigned = await incident.Transition("assigned", new ResponderAction("alice", "mine"));
        Assert.Equal((IncidentStatus.Acknowledged, "alice"), (assigned.Status, assigned.AcknowledgedBy));
        await incident.Transition("in progress", new ResponderAction("alice", null));
        var resolved = await incident.Resolve(new ResponderAction("alice", "rolled back"));
        Assert.Equal("resolved", resolved.Lifecycle.State);
        await incident.RecordResolution("Rolled back release 4.2", "deploy pipeline", "none", new ResponderAction("alice", null));
        await incident.VerifyRestoration(RestorationEvidence.HealthCheck, "checkout probe green", new ResponderAction("alice", null));
        await incident.ReviewClosure(new ResponderAction("bob", null));
        var closed = await incident.Transition("closed", new ResponderAction("bob", null));

        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("in progress", new ResponderAction("alice", null)));
        Assert.Equal(Progress(closed), Progress(await incident.Get()));
        Assert.Equal(
            [TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged, TimelineEntryKind.StateChanged, TimelineEntryKind.Resolved,
             TimelineEntryKind.ResolutionRecorded, TimelineEntryKind.RestorationVerified, TimelineEntryKind.ClosureReviewed, TimelineEntryKind.StateChanged],
            closed.Timeline.Select(e => e.Kind));
    }

    [Fact]
    public async Task UnknownStateIsInvalidAndUndefinedUnitsFollowTheSreModel()
    {
        var incident = await OpenIn(AzuriteFixture.UniqueName("undefined"));

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => incident.Transition("assigned", new ResponderAction("alice", null)));
        Assert.Contains("'assigned' is not a state of the sre lifecycle", error.Message);
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.Transition("mitigated", new ResponderAction("alice", null)));

        await incident.Acknowledge(new ResponderAction("alice", null));
        var view = await incident.Transition("mitigated", new ResponderAction("alice", "traffic shifted"));
        Assert.Equal(("sre", "mitigated", IncidentStatus.Acknowledged), (view.Lifecycle.Model, view.Lifecycle.State, view.Status));
    }

    [Fact]
    public async Task OpenIncidentKeepsItsModelWhenTheUnitChangesIt()
    {
        var unit = await DefineUnit(BusinessUnitDefaults.Sre);
        var before = await OpenIn(unit);
        await DefineUnit(BusinessUnitDefaults.Itil, unit);
        var after = await OpenIn(unit);

        Assert.Equal("sre", (await before.Get()).Lifecycle.Model);
        Assert.Equal("itil", (await after.Get()).Lifecycle.Model);
        Assert.Equal("acknowledged", (await before.Acknowledge(new ResponderAction("alice", null))).Lifecycle.State);
    }

    [Fact]
    public async Task TwoUnitsWithTheSameMatrixClassifyTheSameImpactAlikeAndTheIncidentKeepsTheAssessment()
    {
        var first = await OpenIn(await DefineUnit(BusinessUnitDefaults.Sre));
        var second = await OpenIn(await DefineUnit(BusinessUnitDefaults.Itil));

        var a = await first.AssessImpact(BusinessImpact.Significant, Urgency.Critical, new ResponderAction("alice", "EU checkout down"));
        var b = await second.AssessImpact(BusinessImpact.Significant, Urgency.Critical, new ResponderAction("bob", null));

        Assert.Equal(IncidentSeverity.Sev1, a.Impact!.Severity);
        Assert.Equal(a.Impact.Severity, b.Impact!.Severity);
        Assert.Equal(("alice", "EU checkout down"), (a.Impact.AssessedBy, a.Impact.Note));
        Assert.Contains("SEV1", a.Timeline.Single(e => e.Kind == TimelineEntryKind.ImpactAssessed).Message);
        Assert.Equal(MajorIncidentCriterion.Sev1, a.Major!.Criterion);
    }

    [Fact]
    public async Task RegulatoryTagPullsItsStakeholdersInOnceAndAnUnknownTagChangesNothing()
    {
        var unit = await DefineUnit(BusinessUnitDefaults.Sre, tags: [new RegulatoryTag("gdpr", ["dpo", "legal-eu"]), new RegulatoryTag("data-breach", ["legal-eu", "ciso"])]);
        var incident = await OpenIn(unit);

        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => incident.TagRegulatory(["sox"], new ResponderAction("alice", null)));
        Assert.Contains("its tags are 'gdpr', 'data-breach'", unknown.Message);
        var tagged = await incident.TagRegulatory(["gdpr"], new ResponderAction("alice", "customer emails exposed"));
        var again = await incident.TagRegulatory(["gdpr", "data-breach"], new ResponderAction("alice", null));

        Assert.Equal(["dpo", "legal-eu"], tagged.Stakeholders.ToArray());
        Assert.Equal(["gdpr", "data-breach"], again.RegulatoryTags.ToArray());
        Assert.Equal(["dpo", "legal-eu", "ciso"], again.Stakeholders.ToArray());
        Assert.Equal(2, again.Timeline.Count(e => e.Kind == TimelineEntryKind.RegulatoryTagged));
        foreach (var person in new[] { "dpo", "legal-eu", "ciso" })
        {
            var log = await Grains.GetGrain<IResponderGrain>(person).Notifications(10);
            Assert.Single(log, n => n.Page.IncidentId == again.Id);
        }
    }

    private static (long Version, int TimelineLength, string State) Progress(IncidentView view) =>
        (view.Version, view.Timeline.Length, view.Lifecycle.State);

    private async Task<string> DefineUnit(LifecycleModel model, string? id = null, ImmutableArray<RegulatoryTag> tags = default)
    {
        id ??= AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(id).Define(new BusinessUnitDefinition(id, id, TestClusters.Region, model,
            BusinessUnitDefaults.StandardMatrix, tags.IsDefault ? [] : tags));
        return id;
    }

    private Task<IIncidentGrain> OpenIn(string unit) => Cluster.Alerts.OpenIncidentAsync(Grains, unit);
}
