namespace IncidentActors.Benchmarks;

internal static class Stats
{
    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Describe(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0
            ? "n=0"
            : $"n={sorted.Count} p50={Percentile(sorted, 50):F1} p99={Percentile(sorted, 99):F1} p99.9={Percentile(sorted, 99.9):F1} max={sorted[^1]:F1}";
    }
}
