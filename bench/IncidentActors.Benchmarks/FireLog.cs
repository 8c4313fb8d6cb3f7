using System.Collections.Concurrent;

namespace IncidentActors.Benchmarks;

/// <summary>Every fire in this process (all silos run in it), so duplicates and misses can be counted.</summary>
internal static class FireLog
{
    private static readonly ConcurrentDictionary<string, ConcurrentBag<(DateTimeOffset Due, DateTimeOffset FiredAt)>> Fires = new();

    public static void Record(string owner, DateTimeOffset due, DateTimeOffset firedAt) =>
        Fires.GetOrAdd(owner, _ => []).Add((due, firedAt));

    public static int Owners => Fires.Count;

    public static IReadOnlyList<(string Owner, DateTimeOffset Due, DateTimeOffset FiredAt)> All() =>
        [.. Fires.SelectMany(kv => kv.Value.Select(f => (kv.Key, f.Due, f.FiredAt)))];

    public static void Clear() => Fires.Clear();
}
