extern alias cli;
using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using cli::IncidentActors.Cli.Drill;
using cli::IncidentActors.Cli.Drill.Report;
using Xunit;
using static IncidentActors.Tests.Drill.ReportRecords;

namespace IncidentActors.Tests.Drill;

public sealed partial class ReportChartsTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("drill-report-");

    public void Dispose() => directory.Delete(recursive: true);

    [GeneratedRegex(@"!\[[^\]]*\]\(([^)]+)\)")]
    private static partial Regex ImageLink();

    /// <summary>The signature, then the IHDR chunk first, holding the width and height big-endian.</summary>
    private static void AssertPng(byte[] png, int width, int height)
    {
        Assert.True(png.Length > 33, "too short for a PNG");
        Assert.Equal(PngSignature, png[..8]);
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))));
    }

    [Fact]
    public async Task TheWriterLeavesTheRecordTheReportAndEveryChartItLinks()
    {
        var record = TwoUnits();

        await DrillReportWriter.WriteAsync(record, directory.FullName);

        var report = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "report.md"));
        Assert.Equal(DrillReport.Render(record), report);
        var links = ImageLink().Matches(report).Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(
            ["charts/pages-over-time.png", "charts/acknowledgement-latency.png", "charts/timeline-01-amer-retail.png", "charts/timeline-02-emea-payments.png"],
            links);
        foreach (var chart in DrillCharts.For(record))
        {
            AssertPng(await File.ReadAllBytesAsync(Path.Combine(directory.FullName, chart.Path)), chart.Width, chart.Height);
        }

        var json = await File.ReadAllTextAsync(Path.Combine(directory.FullName, "record.json"));
        Assert.Contains("\"idempotencyKey\": \"k1\"", json);
        var readBack = JsonSerializer.Deserialize<DrillRecord>(json, DrillReportWriter.Json)!;
        Assert.Equal(report, DrillReport.Render(readBack));
    }

    [Fact]
    public void ChartSizesDependOnTheRecordAlone()
    {
        var sizes = DrillCharts.For(TwoUnits()).Select(c => (c.Path, c.Width, c.Height)).ToArray();

        Assert.Equal(sizes, DrillCharts.For(TwoUnits()).Select(c => (c.Path, c.Width, c.Height)));
        // emea-payments has three incidents: its timeline grows past the minimum height by a row per incident.
        Assert.Contains(("charts/timeline-02-emea-payments.png", 1000, 300), sizes);
        var many = TwoUnits() with { Incidents = Enumerable.Range(0, 20).Select(i => Incident($"inc-{i}", "emea-payments", i * 10, i * 10 + 5)).ToArray() };
        Assert.Contains(("charts/timeline-02-emea-payments.png", 1000, 120 + 28 * 20), DrillCharts.For(many).Select(c => (c.Path, c.Width, c.Height)));
    }

    [Fact]
    public async Task AnEmptyRecordStillGetsValidCharts()
    {
        await DrillReportWriter.WriteAsync(Empty(), directory.FullName);

        var charts = DrillCharts.For(Empty());
        Assert.Equal(["charts/pages-over-time.png", "charts/acknowledgement-latency.png"], charts.Select(c => c.Path));
        foreach (var chart in charts)
        {
            AssertPng(await File.ReadAllBytesAsync(Path.Combine(directory.FullName, chart.Path)), chart.Width, chart.Height);
        }
    }

    [Fact]
    public void ADryRunAndAUnitWithoutIncidentsDrawWithoutThrowing()
    {
        var record = Empty(dryRun: true) with
        {
            Units = [new DrillUnit("emea/payments", ["emea"])],
            Pages = [Page("k1", "emea/payments", true, [])],
            Chaos = [new ChaosRecord("kill-silo", "silo-1", T(10), null, null)],
        };

        var charts = DrillCharts.For(record);

        Assert.Equal("charts/timeline-01-emea_payments.png", charts[^1].Path);
        foreach (var chart in charts)
        {
            AssertPng(chart.RenderPng(), chart.Width, chart.Height);
        }
    }
}
