using IncidentActors.BusinessUnits;
using IncidentActors.Metrics;
using Xunit;
using static IncidentActors.Tests.Metrics.MetricFacts;

namespace IncidentActors.Tests.Metrics;

public sealed class GovernanceRulesTests
{
    private static readonly MetricTargets Targets = new([new SeverityTarget(IncidentSeverity.Sev2, TimeSpan.FromMinutes(15), TimeSpan.FromHours(1))]);

    private const double Day = 60 * 24;

    [Fact]
    public void ARecurrenceRaisesOneItemHoweverOftenItsFactComes()
    {
        var s = new UnitMetricsState();
        GovernanceRules.Observe(s, Fact("first", 0, dedupKey: "disk"), Targets, At(1));
        var recurs = Fact("again", 2 * Day, dedupKey: "disk");

        GovernanceRules.Observe(s, recurs, Targets, At(2 * Day));
        GovernanceRules.Observe(s, recurs with { Sequence = 2 }, Targets, At(2 * Day + 1));

        var item = Assert.Single(s.Items);
        Assert.Equal(("recurrence/again", GovernanceReason.Recurrence, "again"), (item.Id, item.Reason, item.IncidentId));
    }

    [Fact]
    public void AKeyLastSeenBeyondTheRecurrenceWindowRaisesNothing()
    {
        var s = new UnitMetricsState();
        GovernanceRules.Observe(s, Fact("first", 0, dedupKey: "disk"), Targets, At(1));

        GovernanceRules.Observe(s, Fact("much-later", 31 * Day, dedupKey: "disk"), Targets, At(31 * Day));

        Assert.Empty(s.Items);
    }

    [Fact]
    public void MeanTimeToResolveAboveTargetTwoWeeksRunningRaisesAnItemWhenTheNextWeekResolvesItsFirst()
    {
        var s = new UnitMetricsState();
        GovernanceRules.Observe(s, Fact("w1", 0, resolved: 90), Targets, At(100));
        GovernanceRules.Observe(s, Fact("w2", 7 * Day, resolved: 30), Targets, At(7 * Day + 100));
        GovernanceRules.Observe(s, Fact("w2-slow", 7 * Day, resolved: 200), Targets, At(7 * Day + 300));
        Assert.Empty(s.Items);

        GovernanceRules.Observe(s, Fact("w3", 14 * Day, resolved: 10), Targets, At(14 * Day + 20));

        var item = Assert.Single(s.Items);
        Assert.Equal(("mttr/SEV2/2026-11-09", GovernanceReason.MttrAboveTarget), (item.Id, item.Reason));
    }

    [Fact]
    public void AWeekWithinTargetBreaksTheRun()
    {
        var s = new UnitMetricsState();
        GovernanceRules.Observe(s, Fact("w1", 0, resolved: 90), Targets, At(100));
        GovernanceRules.Observe(s, Fact("w2", 7 * Day, resolved: 30), Targets, At(7 * Day + 100));

        GovernanceRules.Observe(s, Fact("w3", 14 * Day, resolved: 10), Targets, At(14 * Day + 20));

        Assert.Empty(s.Items);
    }

    [Fact]
    public void AUnitWithoutTargetsRaisesNothingAndKeepsNothing()
    {
        var s = new UnitMetricsState();

        Assert.False(GovernanceRules.Observe(s, Fact("a", 0, dedupKey: "disk", resolved: 500), null, At(600)));
        Assert.Empty(s.LastOpened);
    }
}
