using System.Text.Json;

namespace IncidentActors.Cli.Drill;

/// <summary>record.json in a drill's output folder: the one input of its report and charts.</summary>
public static class DrillRecordFile
{
    public const string Name = "record.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string Write(DrillRecord record, string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, Name);
        File.WriteAllText(path, JsonSerializer.Serialize(record, Json));
        return path;
    }

    public static DrillRecord Read(string path) =>
        JsonSerializer.Deserialize<DrillRecord>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} holds no drill record.");

    /// <summary>A dry run's record: the plan's expected pages (keyed by alert name, no incident exists) and nothing observed.</summary>
    public static DrillRecord DryRun(DrillPlan plan, DateTimeOffset at) =>
        new(plan.Scenario.Name, plan.Seed, true, at, at,
            [.. plan.Scenario.Units.Select(u => new DrillUnit(u.Id, [u.Region]))],
            [],
            [.. plan.Pages.Where(p => p.At < plan.Scenario.Duration).Select(p => new PageLedgerEntry($"{p.Alert}/{p.Step}", p.Unit, p.Responder, "", true, [], null))],
            [.. plan.Scenario.Chaos.Select(c => new ChaosRecord(c.Kind, c.Target, at + c.At, at + c.At + c.For, "fault time up"))],
            []);
}
