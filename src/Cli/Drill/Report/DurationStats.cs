namespace IncidentActors.Cli.Drill.Report;

/// <summary>Mean, nearest-rank percentiles and maximum of a set of durations, e.g. one unit's times to acknowledge.</summary>
public sealed record DurationStats(int Count, TimeSpan Mean, TimeSpan P50, TimeSpan P90, TimeSpan Max)
{
    /// <returns>Null when there is nothing to measure, so a report never shows a made-up zero.</returns>
    public static DurationStats? Of(IEnumerable<TimeSpan> durations)
    {
        var sorted = durations.Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }

        // Integer tick arithmetic: the same record yields the same figures on every machine.
        var mean = TimeSpan.FromTicks(sorted.Sum(d => d.Ticks) / sorted.Length);
        return new DurationStats(sorted.Length, mean, Percentile(sorted, 50), Percentile(sorted, 90), sorted[^1]);
    }

    /// <summary>Nearest rank: always a value that was observed, never an interpolation between two.</summary>
    private static TimeSpan Percentile(TimeSpan[] sorted, int percent)
    {
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Max(rank, 1) - 1];
    }
}
