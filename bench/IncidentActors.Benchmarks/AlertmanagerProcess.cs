using System.Diagnostics;
using IncidentActors.Testing;

namespace IncidentActors.Benchmarks;

/// <summary>
/// Prometheus Alertmanager from Debian's prometheus-alertmanager package, on loopback with gossip
/// off and a receiver that sends nothing: what it costs to take alerts into Alertmanager's store.
/// </summary>
internal sealed class AlertmanagerProcess : IAsyncDisposable
{
    private const string Binary = "/usr/bin/prometheus-alertmanager";

    private readonly Process _process;
    private readonly string _directory;

    private AlertmanagerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Http = BenchClients.Http(port);
    }

    public HttpClient Http { get; }

    public static async Task<AlertmanagerProcess?> StartAsync()
    {
        if (!File.Exists(Binary))
        {
            Console.Error.WriteLine($"{Binary} is missing (apt-get install prometheus-alertmanager): the Alertmanager comparison is skipped.");
            return null;
        }
        var directory = Directory.CreateTempSubdirectory("incidentactors-alertmanager-").FullName;
        var config = Path.Combine(directory, "alertmanager.yml");
        await File.WriteAllTextAsync(config, "route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n");
        var port = AzuriteFixture.FreeLoopbackPort();
        var process = Process.Start(new ProcessStartInfo(Binary)
        {
            ArgumentList =
            {
                $"--config.file={config}", $"--storage.path={directory}", $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=", "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var alertmanager = new AlertmanagerProcess(process, directory, port);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
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
        await alertmanager.DisposeAsync();
        throw new InvalidOperationException("Alertmanager did not get ready within 30 s.");
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
