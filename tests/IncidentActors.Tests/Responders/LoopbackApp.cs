using IncidentActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Tests.Responders;

/// <summary>A started HTTP app on a free loopback port that answers POSTs to one path, for receivers of webhooks.</summary>
internal static class LoopbackApp
{
    /// <param name="port">A port chosen before, so that a client may call it before anything listens; a free one when not given.</param>
    public static async Task<(WebApplication App, string Url)> StartAsync(string path, Delegate onPost, int? port = null)
    {
        port ??= AzuriteFixture.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost(path, onPost);
        await app.StartAsync();
        return (app, $"http://127.0.0.1:{port}{path}");
    }

    /// <summary>Headers are copied: ASP.NET reuses a request's header collection once the request ends.</summary>
    public static async Task<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> ReadAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return (request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body.ToArray());
    }
}
