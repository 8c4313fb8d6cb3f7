using System.Diagnostics;
using IncidentActors.Communications;
using IncidentActors.Incidents;
using IncidentActors.StatusPages;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IncidentActors.Benchmarks;

/// <summary>
/// Status pages under readers: a public page whose unit's board holds <c>history</c> resolved incidents (and a few open
/// ones), each with two published customer updates, read by <c>readers</c> concurrent readers (each one request after
/// another, no pause) for the page, its Atom feed and its JSON feed, and, side by side from the same Kestrel, a static
/// file of the page's size. Latency of every request, and requests per second. In-memory grain storage: reads never
/// touch storage once the board is active, so storage would change only the loading.
/// </summary>
internal static class StatusPageBenchmarks
{
    private const string PageId = "bench-status";
    private const int OpenIncidents = 5;

    public static async Task<int> RunAsync(int history, int readers, int seconds)
    {
        var staticFile = Path.Combine(Path.GetTempPath(), $"status-bench-{Guid.NewGuid():N}.html");
        await using var silo = await BenchSilo.StartAsync(null, app =>
            app.MapGet("/bench/static.html", () => Results.File(staticFile, "text/html; charset=utf-8")));
        try
        {
            await new Api.V1.StatusPages.StatusPagesClient(silo.Channel).DefineStatusPageAsync(new Api.V1.StatusPage
            {
                Id = PageId, Title = "Bench status", BusinessUnitId = BenchSilo.BusinessUnit, Visibility = Api.V1.StatusPageVisibility.Public,
                Components = { Enumerable.Range(0, 10).Select(i => new Api.V1.StatusComponent { ServiceId = $"svc-{i}", DisplayName = $"Service {i}" }) },
            });
            var loading = Stopwatch.StartNew();
            var board = silo.Grains.GetGrain<IStatusBoardGrain>(BenchSilo.BusinessUnit);
            for (var i = 0; i < history + OpenIncidents; i++)
            {
                await board.Apply(ChangeOf(i, resolved: i >= OpenIncidents));
            }
            Console.WriteLine($"board of {history} resolved and {OpenIncidents} open incidents loaded in {loading.Elapsed.TotalSeconds:F1} s");

            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = readers, UseCookies = false })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{silo.HttpPort}"),
            };
            var page = await client.GetByteArrayAsync($"/status/{PageId}");
            await File.WriteAllBytesAsync(staticFile, page);
            Console.WriteLine($"page {page.Length} bytes, Atom {(await client.GetByteArrayAsync($"/status/{PageId}/feed.atom")).Length} bytes, " +
                $"JSON {(await client.GetByteArrayAsync($"/status/{PageId}/feed.json")).Length} bytes; {readers} readers, {seconds} s each, after 2 s of warm-up");

            var targets = new[] { ("static file", "/bench/static.html"), ("page", $"/status/{PageId}"), ("Atom feed", $"/status/{PageId}/feed.atom"),
                ("JSON feed", $"/status/{PageId}/feed.json") };
            var p99s = new Dictionary<string, double>();
            foreach (var (name, path) in targets)
            {
                await ReadAsync(client, path, readers, TimeSpan.FromSeconds(2));
                var latencies = await ReadAsync(client, path, readers, TimeSpan.FromSeconds(seconds));
                var sorted = latencies.Order().ToList();
                p99s[name] = Stats.Percentile(sorted, 99);
                Console.WriteLine($"{name}: {sorted.Count / (double)seconds:F0} requests/s, ms {Stats.Describe(sorted)}");
            }
            foreach (var (name, _) in targets.Skip(1))
            {
                Console.WriteLine($"{name} p99 / static file p99: {p99s[name] / p99s["static file"]:F2}");
            }
            return targets.Skip(1).All(t => p99s[t.Item1] < 50) ? 0 : 1;
        }
        finally
        {
            File.Delete(staticFile);
        }
    }

    /// <summary>Each reader requests one after another until the time is up; every answer must be a 200.</summary>
    private static async Task<List<double>> ReadAsync(HttpClient client, string path, int readers, TimeSpan duration)
    {
        var until = Stopwatch.StartNew();
        var all = await Task.WhenAll(Enumerable.Range(0, readers).Select(async _ =>
        {
            var mine = new List<double>();
            while (until.Elapsed < duration)
            {
                var timer = Stopwatch.StartNew();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                response.EnsureSuccessStatusCode();
                mine.Add(timer.Elapsed.TotalMilliseconds);
            }
            return mine;
        }));
        return [.. all.SelectMany(l => l)];
    }

    private static StatusBoardChange ChangeOf(int i, bool resolved)
    {
        var opened = DateTimeOffset.UtcNow.AddDays(-80).AddMinutes(i * 100);
        var summary = new IncidentSummary($"svc-{i % 10}-{i}", $"svc-{i % 10}", BenchSilo.BusinessUnit, $"Incident {i}",
            resolved ? IncidentStatus.Resolved : IncidentStatus.Triggered, Alerts.AlertSeverity.Critical, opened, opened, 1, 3,
            IncidentSeverity: (BusinessUnits.IncidentSeverity)(1 + i % 4), PublicStatus: resolved ? PublicStatus.Resolved : PublicStatus.Investigating);
        return new StatusBoardChange(summary, 3, opened.AddHours(1),
        [
            new SequencedUpdate(1, opened, new UpdatePublished(1, UpdateAudience.Customers, $"Service {i % 10} disrupted",
                "We are investigating reports of errors. Some requests may fail or be slow; we will update within 30 minutes.", opened)),
            new SequencedUpdate(2, opened.AddMinutes(40), new UpdatePublished(2, UpdateAudience.Public, $"Service {i % 10} recovering",
                "A fix has been applied and we are watching the results. Requests are succeeding again.", opened.AddMinutes(40))),
        ]);
    }
}
