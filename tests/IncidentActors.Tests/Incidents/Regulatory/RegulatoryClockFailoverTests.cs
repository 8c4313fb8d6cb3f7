using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Deadlines;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Incidents.Regulatory;

/// <summary>Reporting clocks on a fake clock across a silo's death: nags and the missed deadline still come, once each.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RegulatoryClockFailoverTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(10);

    [Fact]
    public async Task ClockArmedOnAKilledSiloNagsTheOwnerAndMissesWithTheCommanderFromAnotherSilo()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 2, clock);
        var grains = cluster.Client;
        var unit = AzuriteFixture.UniqueName("unit");
        await grains.GetGrain<IBusinessUnitGrain>(unit).Define(BusinessUnitDefaults.For(unit) with
        {
            HomeRegion = TestClusters.Region,
            RegulatoryTags =
            [
                new RegulatoryTag("gdpr", ["dpo"], [
                    new ReportingDeadline("early-warning", Window, null, ClockTrigger.TagApplied, ["carol"]),
                    new ReportingDeadline("notification", TimeSpan.FromHours(72), null, ClockTrigger.MajorDeclared, ["carol"]),
                ]),
            ],
        });
        var incident = await Cluster.Alerts.OpenIncidentAsync(grains, unit, severity: AlertSeverity.Error);
        await incident.AssignRole(IncidentRole.Commander, "alice", new ResponderAction("alice", null));
        var taggedAt = clock.GetUtcNow();

        var tagged = await incident.TagRegulatory(["gdpr"], new ResponderAction("alice", null));

        Assert.Equal([(taggedAt, taggedAt + Window), (null, null)], tagged.RegulatoryClocks.Select(c => (c.StartedAt, c.Due)));

        // The silo that holds the incident's deadlines dies before the first nag falls due.
        var shard = DeadlineShards.For(grains, incident.GetGrainId()).GetGrainId();
        var victim = cluster.Silos.Single(s => cluster.TryGetGrainContext(shard, out var c) && s.SiloAddress.Equals(c?.Address.SiloAddress));
        await cluster.KillSiloAsync(victim);
        clock.Advance(Window / 2);

        var nagged = await Eventually.Get(() => Tick(clock, incident.Get(), TimeSpan.FromMilliseconds(50)),
            v => v.RegulatoryClocks[0].Nags == 1, TimeSpan.FromSeconds(60), "the first nag after the failover");
        Assert.Contains(nagged.Pages, p => p.ResponderId == "carol" && p.IdempotencyKey == $"{incident.GetPrimaryKeyString()}/regulatory/1/nag1/carol");
        Assert.Single(nagged.Timeline, e => e.Kind == TimelineEntryKind.RegulatoryClockNagged);

        clock.Advance(Window * 0.4);
        await Eventually.Get(() => Tick(clock, incident.Get(), TimeSpan.Zero), v => v.RegulatoryClocks[0].Nags == 2, what: "the nag at nine tenths");
        clock.Advance(Window * 0.1);
        var missed = await Eventually.Get(() => Tick(clock, incident.Get(), TimeSpan.Zero),
            v => v.RegulatoryClocks[0].MissedAt is not null, what: "the missed deadline");

        // Each nag came once, then the miss paged the owner and the commander.
        Assert.Equal(2, missed.Timeline.Count(e => e.Kind == TimelineEntryKind.RegulatoryClockNagged));
        Assert.Contains("paged carol, alice", Assert.Single(missed.Timeline, e => e.Kind == TimelineEntryKind.RegulatoryDeadlineMissed).Message);
        Assert.Equal(["alice", "carol"], missed.Pages.Where(p => p.IdempotencyKey.Contains("/regulatory/1/missed/", StringComparison.Ordinal))
            .Select(p => p.ResponderId).Order());

        // The second clock waited for the major declaration.
        var declared = await incident.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("alice", null));
        Assert.Equal(declared.Major!.DeclaredAt + TimeSpan.FromHours(72), declared.RegulatoryClocks[1].Due);
    }

    private static Task<T> Tick<T>(FakeTimeProvider clock, Task<T> probe, TimeSpan step)
    {
        clock.Advance(step);
        return probe;
    }
}
