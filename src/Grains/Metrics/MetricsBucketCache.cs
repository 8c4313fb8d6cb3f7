using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.Metrics;

/// <summary>
/// The day buckets this silo's queries last read, by bucket and version: a bucket unchanged since is not sent again, so
/// a dashboard asking for the same year again costs a version check per day instead of every fact copied across silos.
/// Past days rarely change. Kept to <see cref="MaxBuckets"/>, dropping the least recently read half beyond it.
/// </summary>
internal sealed class MetricsBucketCache
{
    public const int MaxBuckets = 50_000;

    private readonly ConcurrentDictionary<string, Entry> _buckets = new(StringComparer.Ordinal);

    private sealed record Entry(MetricsBucket Bucket, long LastRead);

    public long KnownVersion(string key) => _buckets.TryGetValue(key, out var entry) ? entry.Bucket.Version : MetricsBucket.NoVersion;

    /// <summary>
    /// The bucket as read, or the cached one when the read says it is unchanged; null when that one was dropped since
    /// the version was asked for, and the bucket must be read whole.
    /// </summary>
    public MetricsBucket? Keep(string key, MetricsBucket read)
    {
        MetricsBucket bucket;
        if (!read.Unchanged)
        {
            bucket = read;
        }
        else if (_buckets.TryGetValue(key, out var cached) && cached.Bucket.Version == read.Version)
        {
            bucket = cached.Bucket;
        }
        else
        {
            return null;
        }
        _buckets[key] = new Entry(bucket, Environment.TickCount64);
        if (_buckets.Count > MaxBuckets)
        {
            foreach (var stale in _buckets.OrderBy(e => e.Value.LastRead).Take(_buckets.Count / 2).Select(e => e.Key).ToList())
            {
                _buckets.TryRemove(stale, out _);
            }
        }
        return bucket;
    }
}

public static class MetricsRegistration
{
    /// <summary>What metric queries keep on each silo.</summary>
    public static IServiceCollection AddIncidentMetrics(this IServiceCollection services) => services.AddSingleton<MetricsBucketCache>();
}
