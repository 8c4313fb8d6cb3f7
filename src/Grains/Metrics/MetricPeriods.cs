namespace IncidentActors.Metrics;

/// <summary>Calendar periods in UTC: days, ISO weeks (from Monday), months and quarters.</summary>
internal static class MetricPeriods
{
    public static DateTimeOffset StartOf(DateTimeOffset at, MetricsBucketSize size)
    {
        var day = new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero);
        return size switch
        {
            MetricsBucketSize.Day => day,
            MetricsBucketSize.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
            MetricsBucketSize.Month => new DateTimeOffset(day.Year, day.Month, 1, 0, 0, 0, TimeSpan.Zero),
            _ => new DateTimeOffset(day.Year, (day.Month - 1) / 3 * 3 + 1, 1, 0, 0, 0, TimeSpan.Zero),
        };
    }

    public static DateTimeOffset Next(DateTimeOffset start, MetricsBucketSize size) => size switch
    {
        MetricsBucketSize.Day => start.AddDays(1),
        MetricsBucketSize.Week => start.AddDays(7),
        MetricsBucketSize.Month => start.AddMonths(1),
        _ => start.AddMonths(3),
    };

    /// <summary>The periods covering [from, to), the first and last cut to the range.</summary>
    public static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Cover(DateTimeOffset from, DateTimeOffset to, MetricsBucketSize size)
    {
        for (var start = StartOf(from, size); start < to; start = Next(start, size))
        {
            var end = Next(start, size);
            yield return (start < from ? from : start, end > to ? to : end);
        }
    }

    /// <summary>The UTC days [from, to) touches: the projection keeps one bucket per unit and day.</summary>
    public static IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        for (var day = DateOnly.FromDateTime(from.UtcDateTime); day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) < to.UtcDateTime; day = day.AddDays(1))
        {
            yield return day;
        }
    }
}
