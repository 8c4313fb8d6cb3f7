using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;

namespace IncidentActors.Benchmarks;

/// <summary>
/// Alerts per second into IncidentActors (gRPC single and batched, the Alertmanager webhook; new
/// dedup keys and repeats of open ones; on Azurite and in memory), side by side with an empty gRPC
/// handler and Prometheus Alertmanager taking the same alerts; then the time from an alert's arrival
/// to its incident on the watch stream.
/// </summary>
internal static class IngestBenchmarks
{
    private const int Callers = 64;
    private const int Services = 64;
    private const int BatchSize = 100;
    private const int RepeatKeysPerService = 10;

    /// <param name="only">
    /// Runs only the scenarios whose name contains this, for side-by-side comparisons; "watch" runs only the watch latency,
    /// "watch-rate" only the watch latency under 1 000 alerts a second.
    /// </param>
    public static async Task<int> RunAsync(TimeSpan duration, string? only)
    {
        Console.WriteLine($"ingest: {Environment.ProcessorCount} cores, {Callers} callers, {duration.TotalSeconds:0} s per scenario, batches of {BatchSize}");
        await using var azurite = await OwnedAzurite.StartAsync();
        await using var azure = await BenchSilo.StartAsync(azurite.Fixture.ConnectionString);
        await using var memory = await BenchSilo.StartAsync(null);
        await using var empty = await EmptyIntakeServer.StartAsync();
        if (!AlertmanagerProcess.IsInstalled)
        {
            Console.Error.WriteLine($"{AlertmanagerProcess.Binary} is missing (apt-get install prometheus-alertmanager): the Alertmanager comparison is skipped.");
        }
        // A receiver that sends nothing: what it costs to take alerts into Alertmanager's store.
        await using var alertmanager = AlertmanagerProcess.IsInstalled
            ? await AlertmanagerProcess.StartAsync("route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n", address => BenchClients.Http(address.Port))
            : null;

        var scenarios = new List<(string Name, Func<int, long, Task<int>> Send)>
        {
            ("empty gRPC handler, single", (caller, seq) => SendAsync(new AlertIntake.AlertIntakeClient(empty.Channel), Alert(caller, $"n-{caller}-{seq}"))),
        };
        if (alertmanager is not null)
        {
            scenarios.Add(("Alertmanager /api/v2/alerts, single, new", (caller, seq) => PostAsync(alertmanager.Http, "/api/v2/alerts", AlertmanagerAlerts(caller, seq, 1, repeat: false))));
            scenarios.Add(("Alertmanager /api/v2/alerts, single, repeat", (caller, seq) => PostAsync(alertmanager.Http, "/api/v2/alerts", AlertmanagerAlerts(caller, seq, 1, repeat: true))));
            scenarios.Add(("Alertmanager /api/v2/alerts, batch, new", (caller, seq) => PostAsync(alertmanager.Http, "/api/v2/alerts", AlertmanagerAlerts(caller, seq, BatchSize, repeat: false))));
            scenarios.Add(("Alertmanager /api/v2/alerts, batch, repeat", (caller, seq) => PostAsync(alertmanager.Http, "/api/v2/alerts", AlertmanagerAlerts(caller, seq, BatchSize, repeat: true))));
        }
        foreach (var (store, silo) in new[] { ("memory", memory), ("Azurite", azure) })
        {
            await PrepareAsync(silo);
            var intake = new AlertIntake.AlertIntakeClient(silo.Intake);
            scenarios.Add(($"IncidentActors {store}, gRPC single, new", (caller, seq) => SendAsync(intake, Alert(caller, $"n-{caller}-{seq}"))));
            scenarios.Add(($"IncidentActors {store}, gRPC single, repeat", (caller, seq) => SendAsync(intake, Alert(caller, RepeatKey(seq)))));
            scenarios.Add(($"IncidentActors {store}, gRPC batch, new", (caller, seq) => SendBatchAsync(intake, caller, i => $"n-{caller}-{seq}-{i}")));
            scenarios.Add(($"IncidentActors {store}, gRPC batch, repeat", (caller, seq) => SendBatchAsync(intake, caller, i => RepeatKey(seq + i))));
            scenarios.Add(($"IncidentActors {store}, webhook single, new", (caller, seq) => PostAsync(silo.Http, WebhookPath(caller), Notification(caller, seq, 1, repeat: false))));
            scenarios.Add(($"IncidentActors {store}, webhook batch, new", (caller, seq) => PostAsync(silo.Http, WebhookPath(caller), Notification(caller, seq, BatchSize, repeat: false))));
            scenarios.Add(($"IncidentActors {store}, webhook batch, repeat", (caller, seq) => PostAsync(silo.Http, WebhookPath(caller), Notification(caller, seq, BatchSize, repeat: true))));
        }

        var results = new List<(string Name, double PerSecond, string Latency)>();
        await using (var yardstick = await OwnedAzurite.StartAsync())
        {
            // An Azurite of its own, so that the entities it stores weigh on no other scenario.
            var azuriteAlone = await AzuriteBaseline.CreateAsync(yardstick.Fixture.ConnectionString);
            await RunScenariosAsync(
            [
                ("Azurite alone, single inserts", azuriteAlone.InsertAsync),
                ("Azurite alone, transactions of 100 inserts", (caller, seq) => azuriteAlone.InsertBatchAsync(caller, seq, BatchSize)),
            ], only, duration, results);
        }
        await RunScenariosAsync(scenarios, only, duration, results);
        if (only == "watch")
        {
            Console.WriteLine($"alert sent to incident on the watch stream (Azurite), ms: {await WatchLatencyAsync(azure)}");
        }
        if (only == "watch-rate")
        {
            await PrepareAsync(azure);
            Console.WriteLine($"at {WatchedRate} alerts/s, one in {WatchedNewEvery} new, for {duration.TotalSeconds:0} s: new alert sent to its " +
                $"Opened on the watch stream (Azurite), ms: {await WatchAtRateAsync(azure, duration)}");
        }
        if (only is not null)
        {
            return 0;
        }
        var baseline = results.Find(r => r.Name.StartsWith("empty")).PerSecond;
        var alertmanagerSingle = results.Find(r => r.Name.StartsWith("Alertmanager") && r.Name.EndsWith("single, repeat")).PerSecond;
        Console.WriteLine();
        var azuriteTransactions = results.Find(r => r.Name.StartsWith("Azurite alone, transactions")).PerSecond;
        Console.WriteLine($"{"scenario (Azurite alone: entities/s)",-48} {"alerts/s",10} {"÷ empty",8} {"÷ AM single repeat",18} {"÷ Azurite tx",12}");
        foreach (var (name, perSecond, _) in results)
        {
            Console.WriteLine($"{name,-48} {perSecond,10:N0} {perSecond / baseline,8:F2} {(alertmanagerSingle > 0 ? perSecond / alertmanagerSingle : double.NaN),18:F2} {perSecond / azuriteTransactions,12:F2}");
        }
        Console.WriteLine();
        Console.WriteLine($"alert sent to incident on the watch stream (Azurite), ms: {await WatchLatencyAsync(azure)}");
        return 0;
    }

    private static async Task RunScenariosAsync(IEnumerable<(string Name, Func<int, long, Task<int>> Send)> scenarios, string? only, TimeSpan duration,
        List<(string Name, double PerSecond, string Latency)> results)
    {
        foreach (var (name, send) in scenarios.Where(s => only is null || s.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            var (perSecond, latency) = await MeasureAsync(send, duration);
            results.Add((name, perSecond, latency));
            Console.WriteLine($"{name,-48} {perSecond,10:N0} alerts/s   call ms {latency}");
        }
    }

    /// <summary>Callers send as fast as answers come back; the first second warms up and is not counted.</summary>
    private static async Task<(double PerSecond, string Latency)> MeasureAsync(Func<int, long, Task<int>> send, TimeSpan duration)
    {
        var warmUp = TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        var latencies = new ConcurrentBag<double>();
        long sequence = 0;
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            while (clock.Elapsed < warmUp + duration)
            {
                var started = clock.Elapsed;
                var alerts = await send(caller, Interlocked.Increment(ref sequence));
                if (started >= warmUp)
                {
                    Interlocked.Add(ref sent, alerts);
                    latencies.Add((clock.Elapsed - started).TotalMilliseconds);
                }
            }
        })));
        return (sent / (clock.Elapsed - warmUp).TotalSeconds, Stats.Describe(latencies));
    }

    private static async Task PrepareAsync(BenchSilo silo)
    {
        var catalog = new ServiceCatalog.ServiceCatalogClient(silo.Channel);
        var intake = new AlertIntake.AlertIntakeClient(silo.Intake);
        for (var service = 0; service < Services; service++)
        {
            // An incident per alert, as these scenarios measured before Alertmanager groups became incidents: "new" opens one per fingerprint.
            await catalog.RegisterServiceAsync(new RegisterServiceRequest
            {
                Id = ServiceId(service), Name = ServiceId(service), OwnerTeam = "sre", BusinessUnitId = BenchSilo.BusinessUnit,
                Grouping = new AlertGrouping { IncidentPerAlert = true },
            });
            for (var key = 0; key < RepeatKeysPerService; key++)
            {
                await intake.SendAlertAsync(Alert(service, RepeatKey(key)));
            }
        }
        // The webhook's repeats use fingerprints of their own.
        for (var service = 0; service < Services; service++)
        {
            await PostAsync(silo.Http, WebhookPath(service), Notification(service, 0, RepeatKeysPerService, repeat: true));
        }
    }

    private static Task<string> WatchLatencyAsync(BenchSilo silo)
    {
        const int alerts = 2000;
        var intake = new AlertIntake.AlertIntakeClient(silo.Intake);
        return WatchOpenedAsync(silo, alerts, sentAt => Concurrently.ForEachAsync(alerts, 16, async i =>
        {
            var alert = Alert(i, $"watch-{i}");
            alert.Summary = $"watched {i}";
            sentAt[alert.Summary] = Stopwatch.GetTimestamp();
            await intake.SendAlertAsync(alert);
        }));
    }

    private const int WatchedRate = 1000;
    private const int WatchedNewEvery = 10;

    /// <summary>
    /// Alerts sent open loop at <see cref="WatchedRate"/> a second, as alert sources send, most of them repeats of open
    /// incidents and one in <see cref="WatchedNewEvery"/> a new dedup key: the time from sending each new one to its Opened.
    /// </summary>
    private static async Task<string> WatchAtRateAsync(BenchSilo silo, TimeSpan duration)
    {
        var total = (int)(WatchedRate * duration.TotalSeconds);
        var intake = new AlertIntake.AlertIntakeClient(silo.Intake);
        return await WatchOpenedAsync(silo, total / WatchedNewEvery, async sentAt =>
        {
            var sends = new List<Task>(total);
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / WatchedRate);
                if (Stopwatch.GetElapsedTime(start) is var elapsed && elapsed < due)
                {
                    await Task.Delay(due - elapsed);
                }
                var alert = i % WatchedNewEvery == 0 ? Alert(i, $"rate-{i}") : Alert(i, RepeatKey(i));
                if (i % WatchedNewEvery == 0)
                {
                    alert.Summary = $"watched at rate {i}";
                    sentAt[alert.Summary] = Stopwatch.GetTimestamp();
                }
                sends.Add(intake.SendAlertAsync(alert).ResponseAsync);
            }
            await Task.WhenAll(sends);
        });
    }

    /// <summary>Opens a watch stream, runs the sender, and measures from each alert's send time to its incident's Opened.</summary>
    private static async Task<string> WatchOpenedAsync(BenchSilo silo, int alerts, Func<ConcurrentDictionary<string, long>, Task> send)
    {
        var sentAt = new ConcurrentDictionary<string, long>();
        var latencies = new ConcurrentBag<double>();
        using var cancel = new CancellationTokenSource();
        using var watch = new Api.V1.Incidents.IncidentsClient(silo.Channel).WatchIncidents(new WatchIncidentsRequest(), cancellationToken: cancel.Token);
        var seen = new TaskCompletionSource();
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in watch.ResponseStream.ReadAllAsync(cancel.Token))
                {
                    if (change.Kind == TimelineEntryKind.Opened && sentAt.TryGetValue(change.Incident.Title, out var at))
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(at).TotalMilliseconds);
                        if (latencies.Count == alerts)
                        {
                            seen.TrySetResult();
                        }
                    }
                }
            }
            catch (RpcException) when (cancel.IsCancellationRequested)
            {
            }
        });
        // Let the subscription settle before the first alert.
        await Task.Delay(TimeSpan.FromSeconds(1));
        await send(sentAt);
        await Task.WhenAny(seen.Task, Task.Delay(TimeSpan.FromSeconds(30)));
        await cancel.CancelAsync();
        await reader;
        return Stats.Describe(latencies);
    }

    private static async Task<int> SendAsync(AlertIntake.AlertIntakeClient intake, AlertEvent alert)
    {
        await intake.SendAlertAsync(alert);
        return 1;
    }

    private static async Task<int> SendBatchAsync(AlertIntake.AlertIntakeClient intake, int caller, Func<int, string> dedupKey)
    {
        var batch = new AlertBatch();
        batch.Alerts.AddRange(Enumerable.Range(0, BatchSize).Select(i => Alert(caller, dedupKey(i))));
        var result = await intake.SendAlertBatchAsync(batch);
        return result.Items.Count(i => i.Result is not null);
    }

    private static async Task<int> PostAsync(HttpClient http, string path, (string Json, int Alerts) body)
    {
        using var response = await http.PostAsync(path, new StringContent(body.Json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return body.Alerts;
    }

    private static AlertEvent Alert(int caller, string dedupKey) => new()
    {
        ServiceId = ServiceId(caller),
        Action = AlertAction.Trigger,
        DedupKey = dedupKey,
        Summary = "p99 latency above 2s",
        Source = "prometheus",
        Severity = AlertSeverity.Critical,
        Component = "api",
        CustomDetails = { ["instance"] = "web-1" },
    };

    private static string ServiceId(int caller) => $"bench-{caller % Services}";

    private static string RepeatKey(long n) => $"r-{n % RepeatKeysPerService}";

    private static string WebhookPath(int caller) => $"/v1/webhooks/alertmanager/{ServiceId(caller)}";

    /// <summary>The same alerts as Alertmanager v2 API alerts: new ones carry a fresh instance label, repeats one of a few.</summary>
    private static (string, int) AlertmanagerAlerts(int caller, long seq, int count, bool repeat)
    {
        var now = DateTimeOffset.UtcNow;
        return (JsonSerializer.Serialize(Enumerable.Range(0, count).Select(i => new
        {
            labels = new Dictionary<string, string>
            {
                ["alertname"] = "HighLatency", ["service"] = ServiceId(caller), ["severity"] = "critical",
                ["instance"] = repeat ? RepeatKey(seq + i) : $"n-{caller}-{seq}-{i}",
            },
            annotations = new Dictionary<string, string> { ["summary"] = "p99 latency above 2s" },
            startsAt = now,
            endsAt = now.AddHours(1),
        })), count);
    }

    /// <summary>The same alerts as an Alertmanager webhook notification to IncidentActors.</summary>
    private static (string, int) Notification(int caller, long seq, int count, bool repeat) =>
        (JsonSerializer.Serialize(new
        {
            version = "4", status = "firing", receiver = "incidentactors", groupKey = "{}:{}", truncatedAlerts = 0,
            alerts = Enumerable.Range(0, count).Select(i => new
            {
                status = "firing",
                fingerprint = repeat ? $"w{RepeatKey(seq + i)}" : $"w-{caller}-{seq}-{i}",
                startsAt = "2026-11-25T03:00:00Z",
                labels = new Dictionary<string, string> { ["alertname"] = "HighLatency", ["severity"] = "critical", ["instance"] = "web-1" },
                annotations = new Dictionary<string, string> { ["summary"] = "p99 latency above 2s" },
            }),
        }), count);
}
