using System.Net.Http.Json;

namespace IncidentActors.Benchmarks;

/// <summary>Tells the benchmark's parent process of a fire; in-process runs record it directly.</summary>
internal sealed class FireReporter(Uri collector)
{
    // A handful of connections, as a real webhook client keeps: thousands of fires at once must not
    // each open a socket to the collector and turn the benchmark's own reporting into the bottleneck.
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { BaseAddress = collector };

    public async Task ReportAsync(string owner, DateTimeOffset due, DateTimeOffset firedAt)
    {
        using var response = await _http.PostAsJsonAsync("fires", new FireReport(owner, due, firedAt));
        response.EnsureSuccessStatusCode();
    }
}

internal sealed record FireReport(string Owner, DateTimeOffset Due, DateTimeOffset FiredAt);
