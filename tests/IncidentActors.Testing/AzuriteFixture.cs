using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Xunit;

namespace IncidentActors.Testing;

/// <summary>
/// Runs a private Azurite on free loopback ports for one test collection, through the same
/// deploy/azurite.sh that developers use (which installs the pinned package when absent).
/// Nothing here depends on an emulator someone left running.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string AccountName = "devstoreaccount1";

    // The emulator's published, well-known development key; not a secret.
    public const string AccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    // Ports FreeLoopbackPort gave out, so that two callers in one process never get the same one.
    private static readonly ConcurrentDictionary<int, byte> HandedOut = new();

    private Process? _process;

    public int BlobPort { get; private set; }
    public int TablePort { get; private set; }

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot.Find(), "deploy", "azurite.sh");
        await RunToCompletionAsync("bash", [script, "install"], StartTimeout);

        BlobPort = FreeLoopbackPort();
        TablePort = FreeLoopbackPort();
        var start = new ProcessStartInfo("bash", [script, "run"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                // Each run throws its data away, so nothing needs to be saved to disk.
                ["AZURITE_IN_MEMORY"] = "1",
                ["AZURITE_BLOB_PORT"] = BlobPort.ToString(),
                ["AZURITE_QUEUE_PORT"] = FreeLoopbackPort().ToString(),
                ["AZURITE_TABLE_PORT"] = TablePort.ToString(),
            },
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("Azurite did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        await WaitUntilListeningAsync(BlobPort);
        await WaitUntilListeningAsync(TablePort);
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        _process?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A storage-legal name (letters and digits, starting with a letter) unique to this call.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// A loopback port free now and not handed out before in this process. Taken from below the usual ephemeral
    /// ranges (32768 and up): a port the system picks for a listener on port 0 comes from the range that outgoing
    /// connections also use, and one of them can take it before the test binds it.
    /// </summary>
    public static int FreeLoopbackPort()
    {
        while (true)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            if (!HandedOut.TryAdd(port, 0))
            {
                continue;
            }
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
            }
        }
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {_process.ExitCode} before it listened on {port}.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    private static async Task RunToCompletionAsync(string file, string[] args, TimeSpan timeout)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args)) ?? throw new InvalidOperationException($"{file} did not start.");
        using var cts = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cts.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}.");
        }
    }
}
