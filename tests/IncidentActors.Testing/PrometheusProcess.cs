using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace IncidentActors.Testing;

/// <summary>
/// A Prometheus server from Debian's prometheus package, scraping one target every second with a bearer token read from
/// a credentials file, as a production Prometheus scrapes a silo.
/// </summary>
public sealed class PrometheusProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus";

    private const string TokenFile = "scrape-token";

    private readonly PackagedServer _server;

    private PrometheusProcess(PackagedServer server) => _server = server;

    /// <param name="target">host:port of the endpoint to scrape.</param>
    /// <param name="metricsPath">Its path, e.g. <c>/metrics</c>.</param>
    /// <param name="bearerToken">Sent as <c>Authorization: Bearer</c> with every scrape.</param>
    public static async Task<PrometheusProcess> StartAsync(string target, string metricsPath, string bearerToken)
    {
        // A relative credentials_file is read beside the configuration file.
        var config = $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
            scrape_configs:
              - job_name: incidentactors
                metrics_path: {metricsPath}
                authorization:
                  type: Bearer
                  credentials_file: {TokenFile}
                static_configs:
                  - targets: ['{target}']
            """;
        return new(await PackagedServer.StartAsync(Binary, "prometheus",
            new Dictionary<string, string> { ["prometheus.yml"] = config, [TokenFile] = bearerToken },
            (directory, port) =>
            [
                $"--config.file={Path.Combine(directory, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}", "--log.level=warn",
            ]));
    }

    /// <summary>The values of an instant query (<c>/api/v1/query</c>), one per series it returns; empty before any was scraped.</summary>
    public async Task<IReadOnlyList<double>> QueryAsync(string promQl)
    {
        using var answer = await _server.Http.GetFromJsonAsync<JsonDocument>($"/api/v1/query?query={Uri.EscapeDataString(promQl)}")
            ?? throw new InvalidOperationException("Prometheus answered nothing.");
        return [.. answer.RootElement.GetProperty("data").GetProperty("result").EnumerateArray()
            .Select(series => double.Parse(series.GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture))];
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
