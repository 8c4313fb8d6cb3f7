extern alias cli;
using System.Globalization;
using cli::IncidentActors.Cli.Drill;
using cli::IncidentActors.Cli.Drill.Report;
using Xunit;
using static IncidentActors.Tests.Drill.ReportRecords;

namespace IncidentActors.Tests.Drill;

public sealed class ReportMarkdownTests
{
    private static string[] Lines(string markdown) => markdown.Split('\n');

    private static string Section(string markdown, string heading)
    {
        var start = markdown.IndexOf(heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {heading}");
        var end = markdown.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
        return end < 0 ? markdown[start..] : markdown[start..end];
    }

    [Fact]
    public void PerUnitRowsCarryMttaMttrEscalationsHandoversAndTimeToCentralCommand()
    {
        var lines = Lines(DrillReport.Render(TwoUnits()));

        Assert.Contains(
            "| emea-payments | emea | 3 | 3 | 1m 30s | 1m 00s | 3m 00s | 3m 00s | 2 | 20m 00s | 10m 00s | 30m 00s | 30m 00s | 3 | 1 | 1 | 3m 00s / 3m 00s |",
            lines);
        Assert.Contains("| amer-retail | amer, apac | 1 | 0 | — | — | — | — | 0 | — | — | — | — | 0 | 0 | 0 | — |", lines);
    }

    [Fact]
    public void PageRowsCountLostDuplicateAndUnexpectedKeysPerUnit()
    {
        var lines = Lines(DrillReport.Render(TwoUnits()));

        Assert.Contains("| emea-payments | 3 | 3 | 2 | **1** | **1** | **1** | 4 |", lines);
        Assert.Contains("| amer-retail | 3 | 2 | 0 | **1** | **2** | 0 | 5 |", lines);
        Assert.Contains("| **all** | 6 | 5 | 2 | **2** | **3** | **1** | 9 |", lines);
    }

    [Fact]
    public void EveryLostDuplicateAndUnexpectedKeyIsListedWithItsDeliveries()
    {
        var markdown = DrillReport.Render(TwoUnits());

        var lost = Section(markdown, "### Lost pages (2)");
        Assert.Contains("| k5 | amer-retail | sim-amer-retail | inc-amer-retail | never |", lost);
        Assert.Contains("| k2 | emea-payments | sim-emea-payments | inc-emea-payments | never |", lost);

        var duplicates = Section(markdown, "### Duplicate pages (3)");
        Assert.Contains("| k3 | emea-payments | sim-emea-payments | inc-emea-payments | T+00:02:10.000 (2026-12-07T04:02:10.000Z); T+00:02:11.500 (2026-12-07T04:02:11.500Z) |", duplicates);
        Assert.Contains("| k6 |", duplicates);
        Assert.Contains("| k7 |", duplicates);

        var unexpected = Section(markdown, "### Unexpected pages (1)");
        Assert.Contains("| k4 | emea-payments | sim-emea-payments | inc-emea-payments | T+00:04:10.000 (2026-12-07T04:04:10.000Z) |", unexpected);
    }

    [Fact]
    public void ASmallRunListsItsWholeLedgerAndALargeOneDefersToTheRecord()
    {
        var small = Section(DrillReport.Render(TwoUnits()), "### All pages");
        Assert.Contains("| k1 | emea-payments | sim-emea-payments | inc-emea-payments | yes | 1 | T+00:00:20.000 (2026-12-07T04:00:20.000Z) | T+00:01:10.000 (2026-12-07T04:01:10.000Z) |", small);
        Assert.Contains("| k7 | amer-retail | sim-amer-retail | inc-amer-retail | yes | 2 |", small);

        var pages = Enumerable.Range(0, DrillReport.FullLedgerLimit + 1).Select(i => Page($"key-{i:000}", "u", true, [i])).ToArray();
        var large = Section(DrillReport.Render(Empty() with { Pages = pages }), "### All pages");
        Assert.DoesNotContain("key-000", large);
        Assert.Contains("201 pages", large);
    }

    [Fact]
    public void AFaultNeverUndoneIsFlaggedAndFailsTheRun()
    {
        var markdown = DrillReport.Render(TwoUnits());
        var lines = Lines(markdown);

        Assert.StartsWith("> **WARNING: a fault was never undone:** lose-region on apac, injected at T+00:06:00.000", Lines(markdown)[2]);
        Assert.Contains("| lose-region | apac | T+00:06:00.000 (2026-12-07T04:06:00.000Z) | **NEVER UNDONE** | — |", lines);
        Assert.Contains("| kill-silo | silo-2 | T+00:03:00.000 (2026-12-07T04:03:00.000Z) | T+00:04:00.000 (2026-12-07T04:04:00.000Z) | fault time up |", lines);
        Assert.Contains("| chaos | 2 faults, **1 never undone** |", lines);
        Assert.Contains("| result | **FAIL** (1 of 2 assertions failed, chaos left in place) |", lines);
    }

    [Fact]
    public void ARunWhoseAssertionsHeldAndWhoseFaultsWereUndonePasses()
    {
        var record = TwoUnits() with
        {
            Chaos = [new ChaosRecord("kill-silo", "silo-2", T(180), T(240), "fault time up")],
            Assertions = [new AssertionResult("central command within 5m", true, "3m 00s")],
        };

        var lines = Lines(DrillReport.Render(record));

        Assert.DoesNotContain(lines, l => l.Contains("WARNING", StringComparison.Ordinal));
        Assert.Contains("| chaos | 1 fault, all undone |", lines);
        Assert.Contains("| result | **PASS** (1 of 1 assertions held) |", lines);
        Assert.Contains("| 1 | central command within 5m | PASS | 3m 00s |", lines);
    }

    [Fact]
    public void AnAbortedRunSaysWhyAndFails()
    {
        var lines = Lines(DrillReport.Render(Empty() with { AbortedBecause = "stop condition: pages | missing" }));

        Assert.Contains("| aborted | **yes**: stop condition: pages \\| missing |", lines);
        Assert.Contains("| result | **FAIL** (aborted) |", lines);
    }

    [Fact]
    public void ADryRunCountsExpectedPagesButReportsNoneLost()
    {
        var record = Empty(dryRun: true) with { Units = [new DrillUnit("u", ["emea"])], Pages = [Page("k1", "u", true, [])] };

        var markdown = DrillReport.Render(record);

        Assert.Contains("| u | 1 | — | — | — | — | — | — |\n", markdown);
        Assert.DoesNotContain("Lost pages", markdown);
        Assert.Contains("Dry run: no page was sent", markdown);
    }

    [Fact]
    public void OneRecordGivesByteIdenticalMarkdownWhateverTheCultureOrInputOrder()
    {
        // A sub-minute figure, the one place durations carry a decimal separator.
        var record = TwoUnits() with { Incidents = [.. TwoUnits().Incidents, Incident("inc-5", "amer-retail", 600, acknowledged: 642.5)] };
        var reordered = record with
        {
            Units = record.Units.Reverse().ToArray(),
            Incidents = record.Incidents.Reverse().ToArray(),
            Pages = record.Pages.Reverse().ToArray(),
            Chaos = record.Chaos.Reverse().ToArray(),
        };
        var culture = CultureInfo.CurrentCulture;
        string invariant;
        string elsewhere;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            invariant = DrillReport.Render(record);
            // Comma decimals, Arabic digits and a non-Gregorian calendar would all show if any figure used the culture.
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            elsewhere = DrillReport.Render(reordered);
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            Assert.Equal(invariant, DrillReport.Render(record));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }

        Assert.Equal(invariant, elsewhere);
        Assert.Equal(invariant, DrillReport.Render(record));
        Assert.Contains("| duration | 1h 00m 00s |", invariant);
        Assert.Contains("| amer-retail | amer, apac | 2 | 1 | 42.5s |", invariant);
    }

    [Fact]
    public void AnEmptyRecordStillHasEverySection()
    {
        var markdown = DrillReport.Render(Empty());

        foreach (var heading in new[] { "## Assertions", "## Response per unit", "## Pages per unit", "## Page ledger", "## Chaos", "## Charts" })
        {
            Assert.Contains(heading + "\n", markdown);
        }

        Assert.Contains("| **all** |  | 0 | 0 | — | — | — | — | 0 | — | — | — | — | 0 | 0 | 0 | — |", markdown);
        Assert.Contains("![Pages over time](charts/pages-over-time.png)", markdown);
    }
}
