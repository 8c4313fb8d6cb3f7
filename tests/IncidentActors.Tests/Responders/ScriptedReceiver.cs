using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IncidentActors.Tests.Responders;

/// <summary>A real loopback HTTP receiver that answers each request with the next scripted status code.</summary>
internal sealed class ScriptedReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ScriptedReceiver(WebApplication app, string url, ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> requests) =>
        (_app, Url, Requests) = (app, url, requests);

    public string Url { get; }

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Requests { get; }

    /// <summary>Answers with the scripted codes in turn, then 200; a negative code means "hang until the client gives up".</summary>
    public static async Task<ScriptedReceiver> StartAsync(params int[] script)
    {
        var queue = new ConcurrentQueue<int>(script);
        var requests = new ConcurrentQueue<(IReadOnlyDictionary<string, string>, byte[])>();
        var (app, url) = await LoopbackApp.StartAsync("/hook", async (HttpContext context) =>
        {
            requests.Enqueue(await LoopbackApp.ReadAsync(context.Request));
            var status = queue.TryDequeue(out var next) ? next : 200;
            if (status < 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            context.Response.StatusCode = status;
        });
        return new ScriptedReceiver(app, url, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
