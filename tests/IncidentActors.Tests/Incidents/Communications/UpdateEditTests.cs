using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Incidents.Communications;

/// <summary>Editing a published internal update: by its owner alone, at once, every revision kept.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UpdateEditTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly ResponderAction Carol = new("carol", null);

    [Fact]
    public async Task LeadEditsAPublishedInternalUpdateAtOnceAndTheLogKeepsEveryRevision()
    {
        var (incident, number) = await DraftExecutiveUpdateAsync();
        await Assert.ThrowsAsync<IllegalTransitionException>(() => incident.EditPublishedUpdate(new UpdateEdit(number, null, "Too early."), Carol, []));
        await incident.PublishUpdate(number, Carol, []);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => incident.EditPublishedUpdate(new UpdateEdit(number, null, "Mine."), new ResponderAction("dave", null), []));
        var same = await Assert.ThrowsAsync<InvalidRequestException>(() => incident.EditPublishedUpdate(new UpdateEdit(number, null, "Checkout is down."), Carol, []));
        Assert.Equal("body", Assert.Single(same.Violations).Field);
        await incident.EditPublishedUpdate(new UpdateEdit(number, null, "Checkout is slow, not down."), Carol, []);
        var edited = await incident.EditPublishedUpdate(new UpdateEdit(number, "Checkout slow", null), Carol, []);

        Assert.Equal(("Checkout slow", "Checkout is slow, not down.", UpdateStatus.Published), (edited.Subject, edited.Body, edited.Status));
        Assert.Equal([("Checkout is down.", "Checkout is slow, not down."), ("Checkout is slow, not down.", "Checkout is slow, not down.")],
            edited.Revisions.Select(r => (r.OldBody, r.NewBody)));
        Assert.Equal(["Status", "Status"], edited.Revisions.Select(r => r.OldSubject));
        Assert.All(edited.Revisions, r => Assert.Equal(("carol", null), (r.EditedBy, r.ApprovedBy)));
        Assert.Equal(2, (await incident.Get()).Timeline.Count(e => e.Kind == TimelineEntryKind.UpdateEdited));
    }

    private async Task<(IIncidentGrain Incident, int Number)> DraftExecutiveUpdateAsync()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(unit).Define(BusinessUnitDefaults.For(unit) with { HomeRegion = TestClusters.Region });
        await Grains.GetGrain<ICommunicationTemplatesGrain>(unit).Publish([new CommunicationTemplate("exec", UpdateAudience.Executives, "Status", "Checkout is down.")], "admin");
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, unit);
        await incident.AssignRole(IncidentRole.CommunicationsLead, "carol", new ResponderAction("alice", null));
        return (incident, (await incident.DraftUpdate(new UpdateDraft("exec"), Carol)).Number);
    }
}
