using System.Collections.Immutable;
using System.Diagnostics;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Metrics;
using IncidentActors.Services;

namespace IncidentActors.Benchmarks;

/// <summary>
/// The metrics projection and its queries. First a unit with <c>count</c> incidents' facts spread over a year (written
/// into the day buckets through the projection's own grain method) is queried over the whole year with several bucket
/// sizes and filters: latency of each query, and managed memory per projected incident. Then real alerts open incidents
/// at a steady rate over many units, and the time from each alert to its incident's fact stored is reported, with the
/// time after the last alert until the metrics counted every incident.
/// </summary>
internal static class MetricsBenchmarks
{
    private const string QueriedUnit = "metrics-bench";
    private const int Services = 50;
    private const int Teams = 5;
    private const int Rounds = 40;
    private const int LagUnits = 16;
    private const int LagServices = 64;
    private const int RepeatedKeys = 640;
    private static readonly DateTimeOffset YearStart = new(2025, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<int> RunAsync(int count, double alertsPerSecond, int lagSeconds)
    {
        await using var azurite = await OwnedAzurite.StartAsync();
        await using var cluster = await BenchCluster.StartAsync(azurite.Fixture, silos: 2);
        var grains = cluster.Client;

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var loading = Stopwatch.StartNew();
        await Concurrently.ForEachAsync(count, 256, i =>
        {
            var fact = FactOf(i);
            return grains.GetGrain<IMetricsBucketGrain>(IMetricsBucketGrain.Key(QueriedUnit, fact.OpenedAt)).Apply(fact);
        });
        loading.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"projected {count} facts into {QueriedUnit}'s day buckets in {loading.Elapsed.TotalSeconds:F1} s; managed memory per projected " +
            $"incident (whole process, both silos and the client, buckets active): {(after - before) / (double)count:F0} bytes");

        var year = new MetricsQuery(QueriedUnit, YearStart, YearStart.AddDays(365), MetricsBucketSize.Week);
        var queries = new (string Name, MetricsQuery Query)[]
        {
            ("year by week", year),
            ("year by day", year with { BucketSize = MetricsBucketSize.Day }),
            ("year by month, one team", year with { BucketSize = MetricsBucketSize.Month, Team = "team-1" }),
            ("year by quarter, one service, SEV2", year with { BucketSize = MetricsBucketSize.Quarter, ServiceId = "svc-7", Severity = IncidentSeverity.Sev2 }),
            ("a month by day", year with { To = YearStart.AddDays(30), BucketSize = MetricsBucketSize.Day }),
        };
        var query = grains.GetGrain<IMetricsQueryGrain>(0);
        var first = Stopwatch.StartNew();
        var counted = (await query.Query(year)).Total.Incidents;
        Console.WriteLine($"first query (the year's buckets activating and read from storage): {first.Elapsed.TotalMilliseconds:F0} ms, {counted} incidents counted");
        foreach (var (name, q) in queries)
        {
            var times = new List<double>();
            for (var round = 0; round < Rounds; round++)
            {
                var timer = Stopwatch.StartNew();
                await query.Query(q);
                times.Add(timer.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"query ms, {name}: {Stats.Describe(times)}");
        }

        await ProjectionLagAsync(grains, alertsPerSecond, lagSeconds);
        return counted == count ? 0 : 1;
    }

    /// <summary>
    /// Alerts at a steady rate over <see cref="LagServices"/> services in <see cref="LagUnits"/> units, as the ingest
    /// benchmark's watch-rate scenario: one in ten opens an incident, the rest repeat open ones. An opening delivers its
    /// events before its alert is answered, so that answer bounds when its fact was stored; the metrics are then asked
    /// until they count every incident.
    /// </summary>
    private static async Task ProjectionLagAsync(IGrainFactory grains, double alertsPerSecond, int seconds)
    {
        await Concurrently.ForEachAsync(LagServices, 64, s => grains.GetGrain<IServiceGrain>(LagService(s))
            .Register(new ServiceDefinition(LagService(s), "Bench service", "team-" + s % Teams, LagUnit(s))));
        var started = DateTimeOffset.UtcNow;
        await Concurrently.ForEachAsync(RepeatedKeys, 64, k => IngestAsync(grains, k % LagServices, $"open-{k}"));
        var count = (int)(alertsPerSecond * seconds);
        var openings = new List<double>();
        var timedOut = 0;
        var clock = Stopwatch.StartNew();
        await Concurrently.PacedAsync(count, alertsPerSecond, async i =>
        {
            var sent = clock.Elapsed;
            try
            {
                await IngestAsync(grains, i % LagServices, i % 10 == 0 ? $"new-{i}" : $"open-{i % RepeatedKeys}");
            }
            catch (TimeoutException)
            {
                Interlocked.Increment(ref timedOut);
                return;
            }
            if (i % 10 == 0)
            {
                lock (openings)
                {
                    openings.Add((clock.Elapsed - sent).TotalMilliseconds);
                }
            }
        });
        var sentAll = clock.Elapsed;
        var expected = RepeatedKeys + count / 10 - timedOut;
        Console.WriteLine($"sent {count} alerts at {alertsPerSecond:F0}/s (one in ten new) in {sentAll.TotalSeconds:F1} s, {timedOut} timed out; " +
            $"new alert to its fact stored (the alert's answer), ms: {Stats.Describe(openings)}");
        var window = new MetricsQuery("", started.AddMinutes(-1), started.AddHours(1), MetricsBucketSize.Day);
        var units = Enumerable.Range(0, LagUnits).Select(u => $"lag-unit-{u}").ToList();
        int projected;
        do
        {
            var reports = await Task.WhenAll(units.Select(u => grains.GetGrain<IMetricsQueryGrain>(0).Query(window with { BusinessUnitId = u })));
            projected = reports.Sum(r => r.Total.Incidents);
        }
        while (projected < expected && clock.Elapsed - sentAll < TimeSpan.FromSeconds(60));
        Console.WriteLine($"every unit's metrics counted {projected} of {expected} incidents {(clock.Elapsed - sentAll).TotalMilliseconds:F0} ms after the last alert was answered");
    }

    private static Task<AlertOutcome> IngestAsync(IGrainFactory grains, int service, string dedupKey) =>
        grains.GetGrain<IServiceGrain>(LagService(service)).Ingest(new AlertEvent(LagService(service), AlertAction.Trigger, dedupKey, "Synthetic failure",
            "bench", AlertSeverity.Error, null, ImmutableSortedDictionary<string, string>.Empty, "bench"));

    private static string LagService(int s) => $"lag-svc-{s}";

    private static string LagUnit(int s) => $"lag-unit-{s % LagUnits}";

    /// <summary>A deterministic incident: opened through the year, most acknowledged and resolved, some escalated, recurring or reopened.</summary>
    private static IncidentFact FactOf(int i)
    {
        var random = new Random(i);
        var opened = YearStart.AddMinutes(random.NextDouble() * 365 * 24 * 60);
        var service = random.Next(Services);
        var acknowledged = random.Next(10) < 9 ? opened.AddMinutes(1 + random.NextDouble() * 30) : (DateTimeOffset?)null;
        var resolved = random.Next(10) < 8 ? opened.AddMinutes(40 + random.NextDouble() * 600) : (DateTimeOffset?)null;
        return new IncidentFact($"svc-{service}-{i}", 1 + random.Next(20), opened, $"svc-{service}", $"team-{service % Teams}",
            random.Next(3) switch { 0 => "emea", 1 => "amer", _ => "apac" }, (IncidentSeverity)(1 + random.Next(4)),
            random.Next(4) switch { 0 => "database", 1 => "network", 2 => "latency", _ => "deploy" },
            new IncidentMilestones(opened.AddMinutes(-random.NextDouble() * 10), opened, acknowledged,
                acknowledged is { } ack && random.Next(2) == 0 ? ack.AddMinutes(10) : null,
                resolved is { } r && acknowledged is { } a && r < a ? a : resolved, random.Next(50) == 0 ? 1 : 0),
            random.Next(5) == 0, $"alert-{random.Next(2000)}", []);
    }
}
