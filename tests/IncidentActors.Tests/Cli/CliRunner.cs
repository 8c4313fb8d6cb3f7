extern alias cli;
using System.Text;
using cli::IncidentActors.Cli.Api;
using Spectre.Console.Cli;

namespace IncidentActors.Tests.Cli;

/// <summary>Runs the incidentactors tool in-process as the process would, its output captured and its environment a dictionary.</summary>
internal sealed class CliRunner(IReadOnlyDictionary<string, string?> variables)
{
    public async Task<CliRun> RunAsync(params string[] args)
    {
        var started = Start(args, CancellationToken.None);
        return await started.Completion;
    }

    /// <summary>Starts a command that runs until <paramref name="cancellationToken"/> is cancelled, as Ctrl-C does.</summary>
    public StartedCli Start(string[] args, CancellationToken cancellationToken)
    {
        var output = new CapturedText();
        var error = new CapturedText();
        var app = new CommandApp();
        app.Configure(config => config.AddApiCommands(new CliEnvironment(output, error, name => variables.GetValueOrDefault(name), TimeProvider.System)));
        return new StartedCli(output, error, Finish(app.RunAsync(args, cancellationToken), output, error));
    }

    private static async Task<CliRun> Finish(Task<int> run, CapturedText output, CapturedText error) =>
        new(await run, output.Text, error.Text);
}

internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

internal sealed record StartedCli(CapturedText Out, CapturedText Error, Task<CliRun> Completion);

/// <summary>Standard output or error of a running command: read while it writes, and awaited until a line appears.</summary>
internal sealed class CapturedText : TextWriter
{
    private readonly Lock _lock = new();
    private readonly StringBuilder _text = new();
    private readonly List<(Func<string, bool> Line, TaskCompletionSource<string> Seen)> _waiting = [];

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
            if (value != '\n')
            {
                return;
            }
            var lines = CompleteLines();
            foreach (var waiting in _waiting.ToList())
            {
                if (lines.FirstOrDefault(waiting.Line) is { } line)
                {
                    _waiting.Remove(waiting);
                    waiting.Seen.TrySetResult(line);
                }
            }
        }
    }

    private string[] CompleteLines() => _text.ToString().Split('\n')[..^1];

    /// <summary>The first line (written or still to come) that <paramref name="line"/> accepts; fails after 30 seconds.</summary>
    public async Task<string> LineAsync(Func<string, bool> line)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (CompleteLines().FirstOrDefault(line) is { } written)
            {
                return written;
            }
            _waiting.Add((line, seen));
        }
        return await seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }
}
