using System.Net.Http.Json;

namespace IncidentActors.Benchmarks;

/// <summary>Tells the benchmark's parent process of a fire; in-process runs record it directly.</summary>
internal sealed class FireReporter(Uri collector)
{
    private readonly HttpClient _http = new() { BaseAddress = collector };

    public async Task ReportAsync(string owner, DateTimeOffset due, DateTimeOffset firedAt)
    {
        using var response = await _http.PostAsJsonAsync("fires", new FireReport(owner, due, firedAt));
        response.EnsureSuccessStatusCode();
    }
}

internal sealed record FireReport(string Owner, DateTimeOffset Due, DateTimeOffset FiredAt);
