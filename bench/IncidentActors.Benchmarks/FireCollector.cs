using IncidentActors.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Benchmarks;

/// <summary>Receives the fires that child silo processes report, on loopback.</summary>
internal sealed class FireCollector(WebApplication app, string url) : IAsyncDisposable
{
    public string Url { get; } = url;

    public static async Task<FireCollector> StartAsync()
    {
        var port = AzuriteFixture.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapPost("/fires", (FireReport fire) =>
        {
            FireLog.Record(fire.Owner, fire.Due, fire.FiredAt);
            return Results.Ok();
        });
        await app.StartAsync();
        return new FireCollector(app, $"http://127.0.0.1:{port}/");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
