using System.Text;
using static IncidentActors.Cli.Drill.Report.ReportFormat;

namespace IncidentActors.Cli.Drill.Report;

/// <summary>
/// A drill's report in Markdown, made from its record alone: the same record always gives the same bytes (ordinal
/// ordering, invariant culture, times relative to the start beside absolute ones, nothing about when it was written).
/// </summary>
public static class DrillReport
{
    /// <summary>Up to this many ledger entries the report lists them all; past it, record.json holds them.</summary>
    public const int FullLedgerLimit = 200;

    public static string Render(DrillRecord record)
    {
        var md = new StringBuilder();
        var ledger = PageLedger.Of(record.Pages);
        Summary(md, record, ledger);
        Assertions(md, record);
        Response(md, record);
        Pages(md, record, ledger);
        Ledger(md, record, ledger);
        Chaos(md, record);
        Charts(md, record);
        return md.ToString();
    }

    private static void Summary(StringBuilder md, DrillRecord record, PageLedger ledger)
    {
        md.Append("# Drill report: ").Append(Cell(record.Scenario)).Append("\n\n");
        var undone = record.Chaos.Where(c => c.UndoneAt is null).ToArray();
        foreach (var fault in undone)
        {
            md.Append("> **WARNING: a fault was never undone:** ").Append(Cell(fault.Kind)).Append(" on ")
                .Append(Cell(fault.Target)).Append(", injected at ").Append(At(fault.InjectedAt, record.StartedAt)).Append(".\n");
        }

        if (undone.Length > 0)
        {
            md.Append('\n');
        }

        md.Append(Header("", ""));
        md.Append(Row("scenario", Cell(record.Scenario)));
        md.Append(Row("seed", Number(record.Seed)));
        md.Append(Row("dry run", record.DryRun ? "yes: nothing was sent, the ledger lists what the policies would page" : "no"));
        md.Append(Row("started", Absolute(record.StartedAt)));
        md.Append(Row("ended", At(record.EndedAt, record.StartedAt)));
        md.Append(Row("duration", Duration(record.EndedAt - record.StartedAt)));
        md.Append(Row("aborted", record.AbortedBecause is null ? "no" : "**yes**: " + Cell(record.AbortedBecause)));
        md.Append(Row("incidents", Number(record.Incidents.Count)));
        md.Append(Row("pages", record.DryRun
            ? $"{Number(ledger.Expected)} expected"
            : $"{Number(ledger.Expected)} expected, {Number(ledger.Lost.Count)} lost, {Number(ledger.Duplicates.Count)} duplicate, {Number(ledger.Unexpected.Count)} unexpected"));
        md.Append(Row("chaos", Count(record.Chaos.Count, "fault") + ", " + (undone.Length == 0 ? "all undone" : $"**{Number(undone.Length)} never undone**")));
        md.Append(Row("result", Verdict(record, undone.Length)));
        md.Append('\n');
    }

    /// <summary>PASS only when every assertion held, the run finished, and no fault was left in place.</summary>
    private static string Verdict(DrillRecord record, int neverUndone)
    {
        var failed = record.Assertions.Count(a => !a.Passed);
        var reasons = new List<string>();
        if (failed > 0)
        {
            reasons.Add($"{Number(failed)} of {Number(record.Assertions.Count)} assertions failed");
        }

        if (record.AbortedBecause is not null)
        {
            reasons.Add("aborted");
        }

        if (neverUndone > 0)
        {
            reasons.Add("chaos left in place");
        }

        return reasons.Count > 0
            ? "**FAIL** (" + string.Join(", ", reasons) + ")"
            : $"**PASS** ({Number(record.Assertions.Count)} of {Number(record.Assertions.Count)} assertions held)";
    }

    private static void Assertions(StringBuilder md, DrillRecord record)
    {
        md.Append("## Assertions\n\n");
        if (record.Assertions.Count == 0)
        {
            md.Append("The scenario asserted nothing.\n\n");
            return;
        }

        md.Append(Header("#", "expectation", "result", "detail"));
        for (var i = 0; i < record.Assertions.Count; i++)
        {
            var a = record.Assertions[i];
            md.Append(Row(Number(i + 1), Cell(a.Expectation), a.Passed ? "PASS" : "**FAIL**", Cell(a.Detail)));
        }

        md.Append('\n');
    }

    private static void Response(StringBuilder md, DrillRecord record)
    {
        md.Append("## Response per unit\n\n");
        md.Append("Times run from an incident's opening. MTTA over acknowledged incidents, MTTR over resolved ones; p50 and p90 are nearest-rank.\n\n");
        md.Append(Header(
            "unit", "regions", "incidents", "acknowledged", "MTTA", "TTA p50", "TTA p90", "TTA max",
            "resolved", "MTTR", "TTR p50", "TTR p90", "TTR max", "escalations", "handovers",
            "central command", "time to central command (mean / max)"));
        foreach (var unit in UnitResponse.UnitsOf(record))
        {
            var regions = record.Units.FirstOrDefault(u => u.Id == unit)?.Regions ?? [];
            md.Append(ResponseRow(Cell(unit), Cell(string.Join(", ", regions)), record.Incidents.Where(i => i.Unit == unit).ToArray()));
        }

        md.Append(ResponseRow("**all**", "", record.Incidents.ToArray()));
        md.Append('\n');
    }

    private static string ResponseRow(string unit, string regions, DrillIncident[] incidents)
    {
        var r = UnitResponse.Of(incidents);
        var toCommand = r.TimeToCentralCommand is { } c ? $"{Duration(c.Mean)} / {Duration(c.Max)}" : None;
        return Row(
            unit, regions, Number(r.Incidents),
            Number(r.TimeToAcknowledge?.Count ?? 0), Duration(r.TimeToAcknowledge?.Mean), Duration(r.TimeToAcknowledge?.P50),
            Duration(r.TimeToAcknowledge?.P90), Duration(r.TimeToAcknowledge?.Max),
            Number(r.TimeToResolve?.Count ?? 0), Duration(r.TimeToResolve?.Mean), Duration(r.TimeToResolve?.P50),
            Duration(r.TimeToResolve?.P90), Duration(r.TimeToResolve?.Max),
            Number(r.Escalations), Number(r.Handovers), Number(r.TimeToCentralCommand?.Count ?? 0), toCommand);
    }

    private static void Pages(StringBuilder md, DrillRecord record, PageLedger ledger)
    {
        md.Append("## Pages per unit\n\n");
        md.Append("Counted by idempotency key from the page ledger: **lost** = expected by the policies, never delivered; ")
            .Append("**duplicate** = delivered more than once; **unexpected** = delivered though no policy expected it.\n\n");
        md.Append(Header("unit", "expected", "delivered", "acknowledged", "lost", "duplicate", "unexpected", "deliveries"));
        foreach (var unit in UnitResponse.UnitsOf(record))
        {
            md.Append(PagesRow(Cell(unit), ledger.ForUnit(unit), record.DryRun));
        }

        md.Append(PagesRow("**all**", ledger, record.DryRun));
        md.Append('\n');
    }

    /// <summary>A dry run sends nothing, so its deliveries are not measured: showing every page as lost would mislead.</summary>
    private static string PagesRow(string unit, PageLedger ledger, bool dryRun) => dryRun
        ? Row(unit, Number(ledger.Expected), None, None, None, None, None, None)
        : Row(
            unit, Number(ledger.Expected), Number(ledger.Delivered), Number(ledger.Acknowledged),
            Emphasized(ledger.Lost.Count), Emphasized(ledger.Duplicates.Count), Emphasized(ledger.Unexpected.Count),
            Number(ledger.Deliveries));

    private static string Emphasized(int problems) => problems == 0 ? "0" : $"**{Number(problems)}**";

    private static void Ledger(StringBuilder md, DrillRecord record, PageLedger ledger)
    {
        md.Append("## Page ledger\n\n");
        if (record.DryRun)
        {
            md.Append("Dry run: no page was sent, so none can be lost or duplicated.\n\n");
        }
        else
        {
            KeyList(md, record, "Lost pages", ledger.Lost);
            KeyList(md, record, "Duplicate pages", ledger.Duplicates);
            KeyList(md, record, "Unexpected pages", ledger.Unexpected);
        }

        md.Append("### All pages\n\n");
        if (ledger.Entries.Count == 0)
        {
            md.Append("The ledger is empty.\n\n");
            return;
        }

        if (ledger.Entries.Count > FullLedgerLimit)
        {
            md.Append($"{Count(ledger.Entries.Count, "page")}: too many to list here; record.json holds every one.\n\n");
            return;
        }

        md.Append(Header("key", "unit", "responder", "incident", "expected", "deliveries", "first delivered", "acknowledged"));
        foreach (var e in ledger.Entries)
        {
            md.Append(Row(
                Cell(e.IdempotencyKey), Cell(e.Unit), Cell(e.Responder), Cell(e.IncidentId), e.Expected ? "yes" : "no",
                Number(e.Deliveries.Count),
                e.Deliveries.Count > 0 ? At(e.Deliveries[0], record.StartedAt) : None,
                e.AcknowledgedAt is { } at ? At(at, record.StartedAt) : None));
        }

        md.Append('\n');
    }

    private static void KeyList(StringBuilder md, DrillRecord record, string title, IReadOnlyList<PageLedgerEntry> entries)
    {
        md.Append("### ").Append(title).Append(" (").Append(Number(entries.Count)).Append(")\n\n");
        if (entries.Count == 0)
        {
            md.Append("None.\n\n");
            return;
        }

        md.Append(Header("key", "unit", "responder", "incident", "delivered at"));
        foreach (var e in entries)
        {
            var deliveries = e.Deliveries.Count == 0 ? "never" : string.Join("; ", e.Deliveries.Select(d => At(d, record.StartedAt)));
            md.Append(Row(Cell(e.IdempotencyKey), Cell(e.Unit), Cell(e.Responder), Cell(e.IncidentId), deliveries));
        }

        md.Append('\n');
    }

    private static void Chaos(StringBuilder md, DrillRecord record)
    {
        md.Append("## Chaos\n\n");
        if (record.Chaos.Count == 0)
        {
            md.Append("No fault was injected.\n\n");
            return;
        }

        md.Append(Header("kind", "target", "injected at", "undone at", "because"));
        var faults = record.Chaos
            .OrderBy(c => c.InjectedAt)
            .ThenBy(c => c.Kind, StringComparer.Ordinal)
            .ThenBy(c => c.Target, StringComparer.Ordinal);
        foreach (var c in faults)
        {
            md.Append(Row(
                Cell(c.Kind), Cell(c.Target), At(c.InjectedAt, record.StartedAt),
                c.UndoneAt is { } at ? At(at, record.StartedAt) : "**NEVER UNDONE**",
                Cell(c.UndoneBecause)));
        }

        md.Append('\n');
    }

    private static void Charts(StringBuilder md, DrillRecord record)
    {
        md.Append("## Charts\n\n");
        foreach (var chart in DrillCharts.For(record))
        {
            // Chart paths are file-name safe already; a unit id in the caption could still close the brackets.
            md.Append("![").Append(chart.Title.Replace("[", "\\[").Replace("]", "\\]")).Append("](").Append(chart.Path).Append(")\n\n");
        }
    }
}
