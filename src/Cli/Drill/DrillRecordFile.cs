using System.Text.Json;
using IncidentActors.Cli.Drill.Report;

namespace IncidentActors.Cli.Drill;

/// <summary>Reading a drill's record.json back, and a dry run's record made from its plan.</summary>
public static class DrillRecordFile
{
    public static DrillRecord Read(string path) =>
        JsonSerializer.Deserialize<DrillRecord>(File.ReadAllText(path), DrillReportWriter.Json) ?? throw new InvalidDataException($"{path} holds no drill record.");

    /// <summary>A dry run's record: the plan's expected pages (keyed by alert name, no incident exists) and nothing observed.</summary>
    public static DrillRecord DryRun(DrillPlan plan, DateTimeOffset at) =>
        new(plan.Scenario.Name, plan.Seed, true, at, at,
            [.. plan.Scenario.Units.Select(u => new DrillUnit(u.Id, [u.Region]))],
            [],
            [.. plan.Pages.Where(p => p.At < plan.Scenario.Duration).Select(p => new PageLedgerEntry($"{p.Alert}/{p.Step}", p.Unit, p.Responder, "", true, [], null))],
            [.. plan.Scenario.Chaos.Select(c => new ChaosRecord(c.Kind, c.Target, at + c.At, at + c.At + c.For, "fault time up"))],
            []);
}
