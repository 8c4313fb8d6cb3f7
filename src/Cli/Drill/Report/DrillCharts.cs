using System.Text;
using ScottPlot;
using static System.FormattableString;

namespace IncidentActors.Cli.Drill.Report;

/// <summary>A chart of the report: where it goes beside report.md, its caption, and how to draw it.</summary>
/// <param name="Path">Relative to the report's directory, with forward slashes, as the Markdown links it.</param>
public sealed record DrillChart(string Path, string Title, int Width, int Height, Func<Plot> Draw)
{
    public byte[] RenderPng()
    {
        using var plot = Draw();
        return plot.GetImageBytes(Width, Height, ImageFormat.Png);
    }
}

/// <summary>
/// The report's charts, drawn with ScottPlot from the record alone: pages over time, the acknowledgement latency
/// distribution, and one timeline per unit. Sizes depend only on the record; a record with no data still yields every
/// chart, saying so in its title.
/// </summary>
public static class DrillCharts
{
    private const int Width = 1000;
    private const int Height = 450;
    private const int MaxBuckets = 60;
    private const int LatencyBins = 20;

    private static readonly Color ChaosShade = Color.FromHex("#d62728").WithAlpha(0.15);
    private static readonly Color Waiting = Color.FromHex("#ff7f0e");
    private static readonly Color Working = Color.FromHex("#1f77b4");

    private static readonly long[] BucketSeconds = [1, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400];

    public static IReadOnlyList<DrillChart> For(DrillRecord record)
    {
        var charts = new List<DrillChart>
        {
            new("charts/pages-over-time.png", "Pages over time", Width, Height, () => PagesOverTime(record)),
            new("charts/acknowledgement-latency.png", "Acknowledgement latency", Width, Height, () => AcknowledgementLatency(record)),
        };
        var units = UnitResponse.UnitsOf(record);
        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var incidents = record.Incidents.Count(x => x.Unit == unit);
            // The index keeps file names unique when two unit ids differ only in characters a file name cannot hold.
            charts.Add(new DrillChart(
                Invariant($"charts/timeline-{i + 1:00}-{FileSafe(unit)}.png"),
                $"Timeline of {unit}",
                Width,
                Math.Clamp(120 + 28 * incidents, 300, 2400),
                () => UnitTimeline(record, unit)));
        }

        return charts;
    }

    /// <summary>Deliveries per time bucket and unit; chaos windows shaded.</summary>
    private static Plot PagesOverTime(DrillRecord record)
    {
        var plot = new Plot();
        var deliveries = record.Pages.SelectMany(p => p.Deliveries.Select(at => (p.Unit, At: at))).ToArray();
        var end = deliveries.Select(d => d.At).Append(record.EndedAt).Max();
        var span = Math.Max((end - record.StartedAt).TotalSeconds, 1);
        var bucket = BucketSeconds.FirstOrDefault(b => span / b <= MaxBuckets, BucketSeconds[^1]);
        var buckets = (int)Math.Ceiling(span / bucket);
        var legends = new Legends();

        ShadeChaos(plot, record, legends);
        foreach (var unit in deliveries.Select(d => d.Unit).Distinct().Order(StringComparer.Ordinal))
        {
            var counts = new double[buckets];
            foreach (var (_, at) in deliveries.Where(d => d.Unit == unit))
            {
                var index = (int)Math.Floor((at - record.StartedAt).TotalSeconds / bucket);
                counts[Math.Clamp(index, 0, buckets - 1)]++;
            }

            var line = plot.Add.ScatterLine(Enumerable.Range(0, buckets).Select(b => Minutes(b * bucket)).ToArray(), counts);
            legends.Add(line, unit);
        }

        legends.Show(plot);

        plot.Title(deliveries.Length == 0
            ? "Pages delivered: none"
            : $"Pages delivered per {ReportFormat.Duration(TimeSpan.FromSeconds(bucket))}, by unit");
        plot.XLabel("minutes since the drill started");
        plot.YLabel("pages delivered");
        plot.Axes.SetLimitsX(0, Minutes(span));
        if (deliveries.Length == 0)
        {
            plot.Axes.SetLimitsY(0, 1);
        }

        return plot;
    }

    /// <summary>Histogram of opened-to-acknowledged times over every acknowledged incident.</summary>
    private static Plot AcknowledgementLatency(DrillRecord record)
    {
        var plot = new Plot();
        var seconds = record.Incidents
            .Where(i => i.AcknowledgedAt is not null)
            .Select(i => Math.Max((i.AcknowledgedAt!.Value - i.OpenedAt).TotalSeconds, 0))
            .Order()
            .ToArray();
        if (seconds.Length == 0)
        {
            plot.Title("Acknowledgement latency: no incident was acknowledged");
            plot.Axes.SetLimits(0, 1, 0, 1);
        }
        else
        {
            // A little headroom past the slowest so it falls inside the last bin rather than on its open edge.
            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(LatencyBins, 0, Math.Max(seconds[^1] * 1.05, 1));
            histogram.AddRange(seconds);
            plot.Add.Histogram(histogram);
            var stats = DurationStats.Of(seconds.Select(TimeSpan.FromSeconds))!;
            plot.Title($"Acknowledgement latency: {ReportFormat.Count(seconds.Length, "incident")}, p50 {ReportFormat.Duration(stats.P50)}, p90 {ReportFormat.Duration(stats.P90)}");
        }

        plot.XLabel("seconds from opened to acknowledged");
        plot.YLabel("incidents");
        return plot;
    }

    /// <summary>One bar per incident: waiting for acknowledgement, then being worked until resolved (or the drill's end).</summary>
    private static Plot UnitTimeline(DrillRecord record, string unit)
    {
        var plot = new Plot();
        var incidents = record.Incidents
            .Where(i => i.Unit == unit)
            .OrderBy(i => i.OpenedAt)
            .ThenBy(i => i.Id, StringComparer.Ordinal)
            .ToArray();
        var end = incidents.Select(i => i.ResolvedAt ?? record.EndedAt).Append(record.EndedAt).Max();
        var legends = new Legends();

        ShadeChaos(plot, record, legends);
        for (var row = 0; row < incidents.Length; row++)
        {
            var incident = incidents[row];
            var y = incidents.Length - 1 - row;
            var stop = incident.ResolvedAt ?? end;
            var acknowledged = incident.AcknowledgedAt is { } at && at < stop ? at : stop;
            legends.Add(Bar(plot, record, incident.OpenedAt, acknowledged, y, Waiting), "waiting for acknowledgement");
            if (acknowledged < stop)
            {
                legends.Add(Bar(plot, record, acknowledged, stop, y, Working), "acknowledged until resolved");
            }
        }

        legends.Show(plot);
        plot.Title(incidents.Length == 0 ? $"{unit}: no incidents" : $"{unit}: {ReportFormat.Count(incidents.Length, "incident")}");
        plot.XLabel("minutes since the drill started");
        plot.Axes.SetLimitsX(0, Minutes(Math.Max((end - record.StartedAt).TotalSeconds, 1)));
        plot.Axes.SetLimitsY(-1, Math.Max(incidents.Length, 1));
        plot.Axes.Left.SetTicks(
            Enumerable.Range(0, incidents.Length).Select(row => (double)(incidents.Length - 1 - row)).ToArray(),
            incidents.Select(i => Shorten(i.Id)).ToArray());
        return plot;
    }

    private static ScottPlot.Plottables.Rectangle Bar(Plot plot, DrillRecord record, DateTimeOffset from, DateTimeOffset to, int y, Color color)
    {
        var bar = plot.Add.Rectangle(Minutes((from - record.StartedAt).TotalSeconds), Minutes((to - record.StartedAt).TotalSeconds), y - 0.3, y + 0.3);
        bar.FillColor = color;
        bar.LineColor = color;
        return bar;
    }

    /// <summary>A fault never undone stays shaded to the drill's end.</summary>
    private static void ShadeChaos(Plot plot, DrillRecord record, Legends legends)
    {
        foreach (var fault in record.Chaos.OrderBy(c => c.InjectedAt))
        {
            var span = plot.Add.HorizontalSpan(
                Minutes((fault.InjectedAt - record.StartedAt).TotalSeconds),
                Minutes(((fault.UndoneAt ?? record.EndedAt) - record.StartedAt).TotalSeconds),
                ChaosShade);
            legends.Add(span, "chaos");
        }
    }

    private static double Minutes(double seconds) => seconds / 60;

    private static string Shorten(string id) => id.Length <= 28 ? id : id[..27] + "…";

    private static string FileSafe(string unit)
    {
        var safe = new StringBuilder(unit.Length);
        foreach (var c in unit)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        }

        return safe.Length == 0 ? "unit" : safe.ToString();
    }

    /// <summary>Names each kind of shape once in the legend, however many of it a chart draws.</summary>
    private sealed class Legends
    {
        private readonly HashSet<string> named = [];

        public void Add(IHasLegendText shape, string text)
        {
            if (named.Add(text))
            {
                shape.LegendText = text;
            }
        }

        /// <summary>Beside the data rather than over it; a chart with nothing named gets no empty legend box.</summary>
        public void Show(Plot plot)
        {
            if (named.Count > 0)
            {
                plot.ShowLegend(Edge.Right);
            }
        }
    }
}
