using System.Collections.Concurrent;
using System.Text;
using IncidentActors.Tests.Responders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IncidentActors.Tests.Reviews;

/// <summary>
/// A tracker on loopback: answers each sync with the next scripted reply (a status code and a raw body), then with an
/// issue key and the status of the item it was sent.
/// </summary>
internal sealed class TrackerReceiver : IAsyncDisposable
{
    public const string IssueKey = "OPS-1";

    private readonly WebApplication _app;

    private TrackerReceiver(WebApplication app, string url, ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> requests) =>
        (_app, Url, Requests) = (app, url, requests);

    public string Url { get; }

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Requests { get; }

    public static Task<TrackerReceiver> StartAsync(params (int Status, string Body)[] script) => StartAsync(port: null, script);

    public static async Task<TrackerReceiver> StartAsync(int? port, params (int Status, string Body)[] script)
    {
        var queue = new ConcurrentQueue<(int Status, string Body)>(script);
        var requests = new ConcurrentQueue<(IReadOnlyDictionary<string, string>, byte[])>();
        var (app, url) = await LoopbackApp.StartAsync("/issues", async (HttpContext context) =>
        {
            var request = await LoopbackApp.ReadAsync(context.Request);
            requests.Enqueue(request);
            if (queue.TryDequeue(out var scripted))
            {
                return Results.Content(scripted.Body, "application/json", Encoding.UTF8, scripted.Status);
            }
            var done = Encoding.UTF8.GetString(request.Body).Contains("\"status\":\"done\"", StringComparison.Ordinal);
            return Results.Json(new { key = IssueKey, status = done ? "Done" : "To Do" });
        }, port);
        return new TrackerReceiver(app, url, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
