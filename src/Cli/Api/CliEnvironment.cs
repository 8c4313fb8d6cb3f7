using Spectre.Console;

namespace IncidentActors.Cli.Api;

/// <summary>
/// What the API commands read and write outside themselves: standard output and error, environment variables and the clock.
/// The process passes its own; tests pass writers and a dictionary, so commands run in-process side by side.
/// </summary>
public sealed record CliEnvironment(TextWriter Out, TextWriter Error, Func<string, string?> Variable, TimeProvider Clock)
{
    public static CliEnvironment Process { get; } = new(Console.Out, Console.Error, Environment.GetEnvironmentVariable, TimeProvider.System);

    /// <summary>The variable's value, or null when it is unset or blank.</summary>
    public string? Setting(string name) => Variable(name) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>Wide enough that a table written to a file or pipe keeps each row on one line.</summary>
    private const int UnwrappedWidth = 1000;

    /// <summary>The console tables are drawn on: the terminal when <see cref="Out"/> is one; otherwise plain text, rows unwrapped.</summary>
    public IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Out) });
        if (!console.Profile.Out.IsTerminal)
        {
            console.Profile.Width = UnwrappedWidth;
        }
        return console;
    }
}
