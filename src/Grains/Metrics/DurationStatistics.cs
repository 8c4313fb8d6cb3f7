namespace IncidentActors.Metrics;

/// <summary>Mean and nearest-rank percentiles, exact: a unit's facts fit in memory, so nothing is estimated.</summary>
internal static class DurationStatistics
{
    public static DurationStats Of(List<TimeSpan> durations)
    {
        if (durations.Count == 0)
        {
            return new DurationStats(0, null, null, null);
        }
        durations.Sort();
        var mean = TimeSpan.FromTicks((long)durations.Average(d => (double)d.Ticks));
        return new DurationStats(durations.Count, mean, Percentile(durations, 0.5), Percentile(durations, 0.9));
    }

    /// <summary>The smallest value at or above which lie at least the given share of values (nearest rank).</summary>
    public static TimeSpan Percentile(List<TimeSpan> sorted, double share) =>
        sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
