using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IncidentActors.Cli.Cluster;

/// <summary>
/// A process the launcher owns, started in a session of its own so that a Ctrl-C in the terminal reaches only the
/// launcher, which then stops its children in order. Output goes to a log file.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private const int SigTerm = 15;

    private readonly Process _process;
    private readonly StreamWriter _log;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    private volatile bool _disposed;

    // Asked from any thread (is this silo up?), also while the launcher is disposing a killed one.
    public bool HasExited => _disposed || _process.HasExited;

    public string LogPath { get; private init; } = "";

    public static ChildProcess Start(string file, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        // setsid execs the program in place (the child is no group leader), so the pid is the program's own.
        var start = new ProcessStartInfo("setsid", [file, .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, log) { LogPath = logPath };
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>kill -9: the process gets no chance to leave the cluster or flush anything.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, then up to <paramref name="grace"/> for a clean exit, then kill -9. True when it exited by itself.</summary>
    public async Task<bool> StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return true;
        }
        _ = Kill(_process.Id, SigTerm);
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
            return false;
        }
    }

    /// <summary>The last lines of its log, to say why it failed.</summary>
    public string Tail(int lines = 20)
    {
        lock (_log)
        {
            _log.Flush();
        }
        using var reader = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var text = new StreamReader(reader);
        return string.Join('\n', text.ReadToEnd().Split('\n').TakeLast(lines));
    }

    public void Dispose()
    {
        _disposed = true;
        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    // .NET sends only SIGKILL; a graceful stop needs SIGTERM.
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
