using System.Collections.Concurrent;
using System.Text;
using IncidentActors.Tests.Responders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace IncidentActors.Tests.Chat;

/// <summary>
/// A war-room provisioning webhook on loopback: answers each request with the next scripted status (and no room), then
/// with the room it opened for the idempotency key it was sent, the same room for the same key.
/// </summary>
internal sealed class WarRoomReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WarRoomReceiver(WebApplication app, string url, ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> requests) =>
        (_app, Url, Requests) = (app, url, requests);

    public string Url { get; }

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Requests { get; }

    public static string RoomUrl(string idempotencyKey) => $"https://chat.example.com/rooms/{Uri.EscapeDataString(idempotencyKey)}";

    public static async Task<WarRoomReceiver> StartAsync(params int[] script)
    {
        var queue = new ConcurrentQueue<int>(script);
        var requests = new ConcurrentQueue<(IReadOnlyDictionary<string, string>, byte[])>();
        var (app, url) = await LoopbackApp.StartAsync("/rooms", async (HttpContext context) =>
        {
            var request = await LoopbackApp.ReadAsync(context.Request);
            requests.Enqueue(request);
            if (queue.TryDequeue(out var status))
            {
                return Results.Content("{}", "application/json", Encoding.UTF8, status);
            }
            var key = request.Headers["Idempotency-Key"];
            return Results.Json(new { url = RoomUrl(key), channel = "#" + key.Split('/')[0] });
        });
        return new WarRoomReceiver(app, url, requests);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
