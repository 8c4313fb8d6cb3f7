using IncidentActors.BusinessUnits;
using IncidentActors.Metrics;
using Xunit;
using static IncidentActors.Tests.Metrics.MetricFacts;

namespace IncidentActors.Tests.Metrics;

public sealed class IncidentMetricsTests
{
    private static readonly MetricsQuery Week = new("retail", Midnight, Midnight.AddDays(7), MetricsBucketSize.Day);

    private static readonly MetricTargets Targets = new([new SeverityTarget(IncidentSeverity.Sev2, TimeSpan.FromMinutes(15), TimeSpan.FromHours(4))]);

    private static MetricsReport Compute(IEnumerable<IncidentFact> facts, MetricsQuery? query = null, MetricTargets? targets = null, int services = 1,
        DateTimeOffset? now = null, IReadOnlyDictionary<string, ReviewFacts>? reviews = null) =>
        IncidentMetrics.Compute(query ?? Week, facts, reviews ?? new Dictionary<string, ReviewFacts>(), targets, services, now ?? Monday.AddDays(30));

    [Fact]
    public void ResponseTimesRunBetweenMilestonesWithMeanAndNearestRankPercentiles()
    {
        var facts = Enumerable.Range(1, 10).Select(i => Fact($"i{i}", opened: i, detectedBefore: i, acknowledged: i * 2, mitigated: i * 3, resolved: i * 10));

        var total = Compute(facts).Total;

        Assert.Equal(10, total.Incidents);
        Assert.Equal((10, TimeSpan.FromMinutes(5.5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(9)),
            (total.TimeToDetect.Count, total.TimeToDetect.Mean, total.TimeToDetect.P50, total.TimeToDetect.P90));
        Assert.Equal((TimeSpan.FromMinutes(11), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(18)),
            (total.TimeToAcknowledge.Mean, total.TimeToAcknowledge.P50, total.TimeToAcknowledge.P90));
        Assert.Equal(TimeSpan.FromMinutes(27), total.TimeToMitigate.P90);
        Assert.Equal((TimeSpan.FromMinutes(55), TimeSpan.FromMinutes(50), TimeSpan.FromMinutes(90)),
            (total.TimeToResolve.Mean, total.TimeToResolve.P50, total.TimeToResolve.P90));
    }

    [Fact]
    public void NothingMeasuredLeavesStatisticsAndRatesEmptyRatherThanZero()
    {
        var total = Compute([]).Total;

        Assert.Equal((0, null, null, null), (total.TimeToResolve.Count, total.TimeToResolve.Mean, total.TimeToResolve.P50, total.TimeToResolve.P90));
        Assert.Null(total.EscalationRate);
        Assert.Null(total.AcknowledgeSlaCompliance);
        Assert.Equal(0.0, total.IncidentsPerService);
    }

    [Fact]
    public void AnIncidentResolvedBeforeAcknowledgementIsInTimeToResolveNotToAcknowledgeAndItsResolutionAnswersTheAcknowledgeTarget()
    {
        var total = Compute([Fact("quick", opened: 0, resolved: 10), Fact("slow", opened: 0, resolved: 20)], targets: Targets).Total;

        Assert.Equal(0, total.TimeToAcknowledge.Count);
        Assert.Equal(2, total.TimeToResolve.Count);
        Assert.Equal(0.5, total.AcknowledgeSlaCompliance);
        Assert.Equal(1.0, total.ResolveSlaCompliance);
    }

    [Fact]
    public void AReopenedIncidentCountsInTimeToResolveOnlyOnceResolvedAgainAndInTheReopenRate()
    {
        var reopened = Fact("reopened", opened: 0, acknowledged: 5, reopens: 1);
        var resolvedAgain = Fact("again", opened: 0, acknowledged: 5, resolved: 120, reopens: 2);

        var total = Compute([reopened, resolvedAgain, Fact("plain", opened: 0, acknowledged: 5, resolved: 60)]).Total;

        Assert.Equal(2, total.TimeToResolve.Count);
        Assert.Equal(TimeSpan.FromMinutes(90), total.TimeToResolve.Mean);
        Assert.Equal(2.0 / 3, total.ReopenRate);
    }

    [Fact]
    public void AnOpenIncidentInsideItsTargetIsNotJudgedYetAndOnePastItIsABreach()
    {
        var now = At(20);
        var facts = new[] { Fact("inside", opened: 10), Fact("past", opened: 0), Fact("met", opened: 0, acknowledged: 15, resolved: 30) };

        var total = Compute(facts, targets: Targets, now: now).Total;

        Assert.Equal(0.5, total.AcknowledgeSlaCompliance);
        Assert.Equal(1.0, total.ResolveSlaCompliance);
    }

    [Fact]
    public void SeveritiesWithoutATargetAreNotJudged()
    {
        var total = Compute([Fact("sev4", opened: 0, severity: IncidentSeverity.Sev4)], targets: Targets).Total;

        Assert.Null(total.AcknowledgeSlaCompliance);
    }

    [Fact]
    public void AnIncidentRecursWhenItsServiceAndDedupKeyOpenedWithinThirtyDaysBeforeEvenBeforeTheRange()
    {
        var facts = new[]
        {
            Fact("before-range", opened: -60 * 24 * 3, dedupKey: "disk", resolved: 10),
            Fact("recurs", opened: 0, dedupKey: "disk"),
            Fact("other-service", opened: 10, dedupKey: "disk", service: "search"),
            Fact("too-late", opened: 60 * 24 * 2, dedupKey: "cpu"),
            Fact("first-cpu-long-ago", opened: -60 * 24 * 40, dedupKey: "cpu"),
        };

        var total = Compute(facts).Total;

        Assert.Equal(3, total.Incidents);
        Assert.Equal(1.0 / 3, total.RecurrenceRate);
    }

    [Fact]
    public void TimeBetweenFailuresRunsFromTheServicesPreviousResolutionToTheNextDetection()
    {
        var facts = new[]
        {
            Fact("a", opened: 0, resolved: 60),
            Fact("b", opened: 180, detectedBefore: 20, resolved: 10),
            // Detected while b was still open: no gap to measure.
            Fact("c", opened: 185),
            Fact("other", opened: 300, service: "search"),
        };

        var between = Compute(facts).Total.TimeBetweenFailures;

        Assert.Equal((1, TimeSpan.FromMinutes(100)), (between.Count, between.Mean));
    }

    [Fact]
    public void EscalationRateCountsIncidentsThatWentPastTheirFirstLevel()
    {
        var total = Compute([Fact("a", 0, escalated: true), Fact("b", 1), Fact("c", 2), Fact("d", 3, escalated: true)]).Total;

        Assert.Equal(0.5, total.EscalationRate);
    }

    [Fact]
    public void IncidentsLandInThePeriodTheyOpenedInAndPeriodsAreCutToTheRange()
    {
        var query = Week with { From = Midnight.AddHours(-2), To = Monday.AddDays(8), BucketSize = MetricsBucketSize.Week };
        var facts = new[] { Fact("sunday", opened: -510), Fact("monday", opened: 0), Fact("next-monday", opened: 60 * 24 * 7) };

        var report = Compute(facts, query);

        Assert.Equal([(Midnight.AddHours(-2), Midnight, 1), (Midnight, Midnight.AddDays(7), 1), (Midnight.AddDays(7), Monday.AddDays(8), 1)],
            report.Periods.Select(p => (p.Start, p.End, p.Incidents)));
        Assert.Equal(3, report.Total.Incidents);
    }

    [Fact]
    public void MonthsAndQuartersStartOnTheirFirstDayInUtc()
    {
        var at = new DateTimeOffset(2026, 11, 17, 23, 30, 0, TimeSpan.FromHours(-5));

        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), MetricPeriods.StartOf(at, MetricsBucketSize.Month));
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero), MetricPeriods.StartOf(at, MetricsBucketSize.Quarter));
        Assert.Equal(new DateTimeOffset(2026, 11, 16, 0, 0, 0, TimeSpan.Zero), MetricPeriods.StartOf(at, MetricsBucketSize.Week));
    }

    [Fact]
    public void VolumeIsCountedBySeverityAndCategoryAndNormalizedPerServiceAndThousandServiceHours()
    {
        var facts = new[]
        {
            Fact("a", 0, severity: IncidentSeverity.Sev1, category: "database"),
            Fact("b", 1, category: "database"),
            Fact("c", 2),
            Fact("d", 3),
        };
        var day = Week with { To = Week.From.AddDays(1) };

        var total = Compute(facts, day, services: 4).Total;

        Assert.Equal([("SEV1", 1), ("SEV2", 3)], total.BySeverity.Select(e => (e.Key, e.Value)));
        Assert.Equal([("database", 2), ("latency", 2)], total.ByCategory.Select(e => (e.Key, e.Value)));
        Assert.Equal(1.0, total.IncidentsPerService);
        Assert.Equal(4 * 1000.0 / (4 * 24), total.IncidentsPer1000ServiceHours!.Value, 9);
    }

    [Fact]
    public void FiltersSliceByServiceTeamRegionAndSeverity()
    {
        var facts = new[]
        {
            Fact("a", 0),
            Fact("b", 1, service: "search", team: "discovery"),
            Fact("c", 2, region: "apac"),
            Fact("d", 3, severity: IncidentSeverity.Sev1),
        };

        Assert.Equal(1, Compute(facts, Week with { ServiceId = "search" }).Total.Incidents);
        Assert.Equal(3, Compute(facts, Week with { Team = "payments" }).Total.Incidents);
        Assert.Equal(1, Compute(facts, Week with { Region = "apac" }).Total.Incidents);
        Assert.Equal(1, Compute(facts, Week with { Severity = IncidentSeverity.Sev1, Region = "emea" }).Total.Incidents);
    }

    [Fact]
    public void ReviewsAreTimelyWhenCompletedByTheirDueTimeAndActionItemsOverdueWhenDoneLateOrOpenPastDue()
    {
        var now = At(60 * 24 * 10);
        var reviews = new Dictionary<string, ReviewFacts>
        {
            ["a"] = new("a", At(60 * 24 * 5), At(60 * 24 * 4), [new(At(60 * 24 * 6), At(60 * 24 * 7)), new(At(60 * 24 * 6), At(60 * 24 * 5))], now),
            ["b"] = new("b", At(60 * 24 * 5), null, [new(At(60 * 24 * 9), null), new(At(60 * 24 * 20), null)], now),
            ["c"] = new("c", At(60 * 24 * 20), null, [], now),
        };
        var facts = new[] { Fact("a", 0), Fact("b", 1), Fact("c", 2) };

        var total = Compute(facts, now: now, reviews: reviews).Total;

        Assert.Equal(0.5, total.ReviewTimeliness);
        Assert.Equal(2.0 / 3, total.ActionItemOverdueRate);
    }
}
