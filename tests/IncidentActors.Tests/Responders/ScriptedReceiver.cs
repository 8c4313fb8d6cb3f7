using System.Collections.Concurrent;
using IncidentActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Tests.Responders;

/// <summary>A real loopback HTTP receiver that answers each request with the next scripted status code.</summary>
internal sealed class ScriptedReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _script;

    private ScriptedReceiver(WebApplication app, string url, IEnumerable<int> script)
    {
        _app = app;
        Url = url;
        _script = new ConcurrentQueue<int>(script);
    }

    public string Url { get; }

    /// <summary>Headers are copied: ASP.NET reuses a request's header collection once the request ends.</summary>
    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Requests { get; } = new();

    /// <summary>Answers with the scripted codes in turn, then 200; a negative code means "hang until the client gives up".</summary>
    public static async Task<ScriptedReceiver> StartAsync(params int[] script)
    {
        var port = AzuriteFixture.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var receiver = new ScriptedReceiver(app, $"http://127.0.0.1:{port}/hook", script);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            receiver.Requests.Enqueue((
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray()));
            var status = receiver._script.TryDequeue(out var next) ? next : 200;
            if (status < 0)
            {
                await Task.Delay(Timeout.Infinite, context.RequestAborted);
            }
            context.Response.StatusCode = status;
        });
        await app.StartAsync();
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
