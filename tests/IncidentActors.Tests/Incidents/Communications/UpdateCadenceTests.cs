using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Incidents.Communications;

/// <summary>The update cadence on a fake clock: an interval without an update nags the communications lead, a second one escalates.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class UpdateCadenceTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task MissedUpdateNagsTheCommunicationsLeadAndMissedAgainEscalates()
    {
        var incident = await OpenSev1Async();
        await incident.AssignRole(IncidentRole.CommunicationsLead, "carol", new ResponderAction("alice", null));
        Assert.Equal(Clock.GetUtcNow() + Every, (await incident.GetCommunicationsLog()).NextUpdateDue);

        Clock.Advance(Every);
        var nagged = await Eventually.Get(Clock.Tick(incident), v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.UpdateOverdue), what: "the first nag");
        Assert.Contains(nagged.Pages, p => p.ResponderId == "carol" && p.IdempotencyKey.EndsWith("/update-overdue/1/carol", StringComparison.Ordinal));
        Assert.Contains("paged carol", nagged.Timeline.Single(e => e.Kind == TimelineEntryKind.UpdateOverdue).Message);

        Clock.Advance(Every);
        var escalated = await Eventually.Get(Clock.Tick(incident), v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.UpdateOverdueEscalated),
            what: "the escalation after two misses");
        Assert.Single(escalated.Timeline, e => e.Kind == TimelineEntryKind.UpdateOverdue);
        Assert.Equal(2, (await incident.GetCommunicationsLog()).MissedUpdates);
    }

    /// <summary>A SEV1 of a unit that owes an update every <see cref="Every"/>.</summary>
    private async Task<IIncidentGrain> OpenSev1Async()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(unit).Define(BusinessUnitDefaults.For(unit) with
        {
            HomeRegion = TestClusters.Region,
            Communications = CommunicationsPolicy.None with { Intervals = [new UpdateInterval(IncidentSeverity.Sev1, Every)] },
        });
        return await Cluster.Alerts.OpenIncidentAsync(Grains, unit);
    }

    [Fact]
    public async Task ResolvedIncidentOwesNoMoreUpdates()
    {
        var incident = await OpenSev1Async();
        await incident.Resolve(new ResponderAction("alice", null));

        Clock.Advance(Every);
        await Clock.SettleAsync(Grains, incident);

        Assert.DoesNotContain((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.UpdateOverdue);
        Assert.Null((await incident.GetCommunicationsLog()).NextUpdateDue);
    }
}
