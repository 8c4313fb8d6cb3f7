extern alias cli;
using cli::IncidentActors.Cli.Drill.Report;
using Xunit;
using static IncidentActors.Tests.Drill.ReportRecords;

namespace IncidentActors.Tests.Drill;

public sealed class ReportLedgerTests
{
    [Fact]
    public void MttaAndMttrAreMeasuredFromOpeningOverTheIncidentsThatGotThere()
    {
        var emea = TwoUnits().Incidents.Where(i => i.Unit == "emea-payments").ToArray();

        var response = UnitResponse.Of(emea);

        Assert.Equal(3, response.Incidents);
        Assert.Equal(
            new DurationStats(3, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180), TimeSpan.FromSeconds(180)),
            response.TimeToAcknowledge);
        Assert.Equal(
            new DurationStats(2, TimeSpan.FromSeconds(1200), TimeSpan.FromSeconds(600), TimeSpan.FromSeconds(1800), TimeSpan.FromSeconds(1800)),
            response.TimeToResolve);
        Assert.Equal(TimeSpan.FromSeconds(180), response.TimeToCentralCommand?.Mean);
        Assert.Equal((3, 1), (response.Escalations, response.Handovers));
    }

    [Fact]
    public void AUnitThatNeverAcknowledgedHasNoMttaRatherThanZero()
    {
        var response = UnitResponse.Of([Incident("inc-4", "amer-retail", 300)]);

        Assert.Null(response.TimeToAcknowledge);
        Assert.Null(response.TimeToResolve);
    }

    [Fact]
    public void PercentilesAreNearestRankOverObservedValues()
    {
        var stats = DurationStats.Of(Enumerable.Range(1, 10).Reverse().Select(s => TimeSpan.FromSeconds(s)))!;

        Assert.Equal((TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10)), (stats.P50, stats.P90, stats.Max));
        Assert.Equal(TimeSpan.FromSeconds(5.5), stats.Mean);
    }

    [Fact]
    public void LostDuplicateAndUnexpectedKeysAreCountedPerUnit()
    {
        var ledger = PageLedger.Of(TwoUnits().Pages);
        var emea = ledger.ForUnit("emea-payments");
        var amer = ledger.ForUnit("amer-retail");

        Assert.Equal((3, 3, 2, 4), (emea.Expected, emea.Delivered, emea.Acknowledged, emea.Deliveries));
        Assert.Equal(["k2"], emea.Lost.Select(e => e.IdempotencyKey));
        Assert.Equal(["k3"], emea.Duplicates.Select(e => e.IdempotencyKey));
        Assert.Equal(["k4"], emea.Unexpected.Select(e => e.IdempotencyKey));

        Assert.Equal((3, 2, 0, 5), (amer.Expected, amer.Delivered, amer.Acknowledged, amer.Deliveries));
        Assert.Equal(["k5"], amer.Lost.Select(e => e.IdempotencyKey));
        Assert.Equal(["k6", "k7"], amer.Duplicates.Select(e => e.IdempotencyKey));
        Assert.Empty(amer.Unexpected);
    }

    [Fact]
    public void AKeyListedTwiceIsOnePageWithTheDeliveriesOfBoth()
    {
        var ledger = PageLedger.Of(
        [
            Page("k", "u", false, [5]),
            Page("k", "u", true, [2], acknowledged: 9),
            Page("k", "u", true, [], acknowledged: 7),
        ]);

        var page = Assert.Single(ledger.Entries);
        Assert.True(page.Expected);
        Assert.Equal(Ts(2, 5), page.Deliveries);
        Assert.Equal(T(7), page.AcknowledgedAt);
        Assert.Equal(page, Assert.Single(ledger.Duplicates));
    }
}
