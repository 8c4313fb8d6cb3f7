using Spectre.Console;

namespace IncidentActors.Cli.Cluster;

/// <summary>The cluster's and drill's progress lines, each stamped with the time of day it happened.</summary>
internal static class Narration
{
    public static Action<string> Stamped(TimeProvider clock) =>
        line => AnsiConsole.MarkupLineInterpolated($"[grey]{clock.GetUtcNow():HH:mm:ss}[/] {line}");
}
