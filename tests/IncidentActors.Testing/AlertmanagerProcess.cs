using System.Diagnostics;

namespace IncidentActors.Testing;

/// <summary>
/// Prometheus Alertmanager from Debian's prometheus-alertmanager package, on a free loopback port with
/// gossip off (no cluster to join), its data in a temporary folder removed on dispose.
/// </summary>
public sealed class AlertmanagerProcess : IAsyncDisposable
{
    public const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly Process _process;
    private readonly string _directory;

    private AlertmanagerProcess(Process process, string directory, HttpClient http)
    {
        _process = process;
        _directory = directory;
        Http = http;
    }

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>A client of its HTTP API (<c>/api/v2/alerts</c>, <c>/-/ready</c>).</summary>
    public HttpClient Http { get; }

    /// <param name="config">alertmanager.yml as text.</param>
    /// <param name="client">Makes the API client for a base address; a plain HttpClient when left out.</param>
    public static async Task<AlertmanagerProcess> StartAsync(string config, Func<Uri, HttpClient>? client = null)
    {
        if (!IsInstalled)
        {
            throw new InvalidOperationException($"{Binary} is missing: install Debian's prometheus-alertmanager (apt-get install prometheus-alertmanager; .ci/run does).");
        }
        var directory = Directory.CreateTempSubdirectory("incidentactors-alertmanager-").FullName;
        var configFile = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(configFile, config);
        var port = AzuriteFixture.FreeLoopbackPort();
        var process = Process.Start(new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={configFile}", $"--storage.path={directory}", $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=", "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var alertmanager = new AlertmanagerProcess(process, directory, client?.Invoke(baseAddress) ?? new HttpClient { BaseAddress = baseAddress });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await alertmanager.Http.GetAsync("/-/ready")).IsSuccessStatusCode)
                {
                    return alertmanager;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        var exited = process.HasExited ? $" (it exited with code {process.ExitCode}: check the configuration)" : "";
        await alertmanager.DisposeAsync();
        throw new InvalidOperationException($"Alertmanager did not get ready within 30 s{exited}.");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
