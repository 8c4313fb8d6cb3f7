using System.Diagnostics;

namespace IncidentActors.Testing;

/// <summary>
/// A server binary from a Debian package, run on a free loopback port with its configuration and data in a temporary
/// folder; on dispose it is killed and the folder removed, so that nothing is left running.
/// </summary>
public sealed class PackagedServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyWithin = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _directory;

    private PackagedServer(Process process, string directory, HttpClient http)
    {
        _process = process;
        _directory = directory;
        Http = http;
    }

    /// <summary>A client of its HTTP API, on the port it listens on.</summary>
    public HttpClient Http { get; }

    /// <param name="binary">The installed binary, e.g. <c>/usr/bin/prometheus</c>.</param>
    /// <param name="package">The Debian package that installs it, named when it is missing.</param>
    /// <param name="files">Written into the folder before the start, by file name: its configuration, a credentials file.</param>
    /// <param name="arguments">Its command line, given the folder and the port.</param>
    /// <param name="client">Makes the API client for a base address; a plain HttpClient when left out.</param>
    public static async Task<PackagedServer> StartAsync(string binary, string package, IReadOnlyDictionary<string, string> files,
        Func<string, int, IEnumerable<string>> arguments, Func<Uri, HttpClient>? client = null)
    {
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: install Debian's {package} (apt-get install {package}; .ci/run does).");
        }
        var directory = Directory.CreateTempSubdirectory($"incidentactors-{Path.GetFileName(binary)}-").FullName;
        foreach (var (name, text) in files)
        {
            await File.WriteAllTextAsync(Path.Combine(directory, name), text);
        }
        var port = AzuriteFixture.FreeLoopbackPort();
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments(directory, port))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var server = new PackagedServer(process, directory, client?.Invoke(baseAddress) ?? new HttpClient { BaseAddress = baseAddress });
        var deadline = DateTime.UtcNow + ReadyWithin;
        while (DateTime.UtcNow < deadline && !process.HasExited)
        {
            try
            {
                if ((await server.Http.GetAsync("/-/ready")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        var exited = process.HasExited ? $" (it exited with code {process.ExitCode}: check the configuration)" : "";
        await server.DisposeAsync();
        throw new InvalidOperationException($"{Path.GetFileName(binary)} did not get ready within {ReadyWithin.TotalSeconds} s{exited}.");
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
