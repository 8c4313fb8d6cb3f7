using System.Collections.Concurrent;
using IncidentActors.Tests.Responders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IncidentActors.Tests.Runbooks;

/// <summary>
/// An automation endpoint on loopback, as a Rundeck or AWX job webhook: each job answers its scripted statuses first,
/// then succeeds. It keeps every request, so a test sees which idempotency keys reached it and how often.
/// </summary>
internal sealed class AutomationEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _scripts;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds;

    private AutomationEndpoint(WebApplication app, string url, ConcurrentDictionary<string, ConcurrentQueue<int>> scripts,
        ConcurrentDictionary<string, TaskCompletionSource> holds, ConcurrentQueue<Request> requests) =>
        (_app, BaseUrl, _scripts, _holds, Requests) = (app, url[..url.LastIndexOf("/jobs/", StringComparison.Ordinal)], scripts, holds, requests);

    public sealed record Request(string Job, string IdempotencyKey, IReadOnlyDictionary<string, string> Headers, byte[] Body);

    public string BaseUrl { get; }

    public ConcurrentQueue<Request> Requests { get; }

    /// <summary>The idempotency keys of the requests to a job, in the order they came.</summary>
    public IReadOnlyList<string> KeysOf(string job) => [.. Requests.Where(r => r.Job == job).Select(r => r.IdempotencyKey)];

    public string Job(string name) => $"{BaseUrl}/jobs/{name}";

    /// <summary>The job answers these statuses, one per request, before it runs.</summary>
    public void Script(string job, params int[] statuses) => _scripts[job] = new ConcurrentQueue<int>(statuses);

    /// <summary>The job's next request is kept waiting, once received, until the returned gate opens: a call in flight.</summary>
    public TaskCompletionSource Hold(string job) =>
        _holds[job] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static async Task<AutomationEndpoint> StartAsync()
    {
        var scripts = new ConcurrentDictionary<string, ConcurrentQueue<int>>(StringComparer.Ordinal);
        var holds = new ConcurrentDictionary<string, TaskCompletionSource>(StringComparer.Ordinal);
        var requests = new ConcurrentQueue<Request>();
        var (app, url) = await LoopbackApp.StartAsync("/jobs/{job}", async (HttpContext context, string job) =>
        {
            var (headers, body) = await LoopbackApp.ReadAsync(context.Request);
            var key = headers.GetValueOrDefault("Idempotency-Key", "");
            requests.Enqueue(new Request(job, key, headers, body));
            if (holds.TryRemove(job, out var gate))
            {
                await gate.Task;
            }
            if (scripts.TryGetValue(job, out var script) && script.TryDequeue(out var status))
            {
                return Results.StatusCode(status);
            }
            return Results.Json(new { job, key });
        });
        return new AutomationEndpoint(app, url.Replace("{job}", "x", StringComparison.Ordinal), scripts, holds, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
