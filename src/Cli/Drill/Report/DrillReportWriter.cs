using System.Text.Json;

namespace IncidentActors.Cli.Drill.Report;

/// <summary>Writes a drill's record, its report and charts into one directory.</summary>
public static class DrillReportWriter
{
    public const string RecordFile = "record.json";
    public const string ReportFile = "report.md";

    /// <summary>Indented camelCase: readable, and diffable between two runs.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>
    /// Writes record.json, charts/*.png and report.md (last, so a report present means its charts are too).
    /// </summary>
    public static async Task WriteAsync(DrillRecord record, string directory, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(
            Path.Combine(directory, RecordFile), JsonSerializer.Serialize(record, Json) + "\n", cancellationToken);
        foreach (var chart in DrillCharts.For(record))
        {
            var path = Path.Combine(directory, chart.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllBytesAsync(path, chart.RenderPng(), cancellationToken);
        }

        await File.WriteAllTextAsync(Path.Combine(directory, ReportFile), DrillReport.Render(record), cancellationToken);
    }
}
