namespace IncidentActors.Testing;

/// <summary>Prometheus Alertmanager from Debian's prometheus-alertmanager package, with gossip off (no cluster to join).</summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly PackagedServer _server;

    private AlertmanagerProcess(PackagedServer server) => _server = server;

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>A client of its HTTP API (<c>/api/v2/alerts</c>, <c>/-/ready</c>).</summary>
    public HttpClient Http => _server.Http;

    /// <param name="config">alertmanager.yml as text.</param>
    /// <param name="client">Makes the API client for a base address; a plain HttpClient when left out.</param>
    public static async Task<AlertmanagerProcess> StartAsync(string config, Func<Uri, HttpClient>? client = null) =>
        new(await PackagedServer.StartAsync(Binary, "prometheus-alertmanager", new Dictionary<string, string> { ["alertmanager.yml"] = config },
            (directory, port) =>
            [
                $"--config.file={Path.Combine(directory, "alertmanager.yml")}", $"--storage.path={directory}", $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=", "--log.level=warn",
            ], client));

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
