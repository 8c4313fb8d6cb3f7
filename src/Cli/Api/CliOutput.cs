using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Spectre.Console;

namespace IncidentActors.Cli.Api;

/// <summary>
/// How commands print: tables for people, "label: value" lines for details, one line per streamed change, and the
/// API's own JSON for scripts.
/// </summary>
internal sealed partial class CliOutput(CliEnvironment environment)
{
    private static readonly JsonFormatter Indented = new(JsonFormatter.Settings.Default.WithIndentation());
    private static readonly JsonFormatter OneLine = new(JsonFormatter.Settings.Default);

    private readonly Lazy<IAnsiConsole> _console = new(environment.CreateConsole);

    public void Line(string text) => environment.Out.WriteLine(text);

    /// <summary>A remark for the person, on standard error so that standard output stays the answer alone.</summary>
    public void Note(string text) => environment.Error.WriteLine($"incidentactors: {text}");

    public void Json(IMessage message) => Line(Indented.Format(message));

    /// <summary>A streamed message on a line of its own (JSON Lines).</summary>
    public void JsonLine(IMessage message) => Line(OneLine.Format(message));

    public void Table(Table table) => _console.Value.Write(table);

    /// <summary>Aligned "label: value" lines, leaving out what is empty.</summary>
    public void Details(params (string Label, string? Value)[] rows)
    {
        var shown = rows.Where(r => !string.IsNullOrEmpty(r.Value)).ToList();
        var width = shown.Count == 0 ? 0 : shown.Max(r => r.Label.Length) + 1;
        foreach (var (label, value) in shown)
        {
            Line($"{(label + ":").PadRight(width)} {value}");
        }
    }

    public static string Time(Timestamp? at) => at is null ? "" : at.ToDateTimeOffset().ToString("yyyy-MM-dd HH:mm:ss'Z'");

    /// <summary>An API enum value as its proto name reads without the type prefix: TimelineEntryKind.AlertReceived is "alert_received".</summary>
    public static string Name(System.Enum value) => SnakeCase(value.ToString()).ToLowerInvariant();

    public static string SnakeCase(string pascalCase) => WordStart().Replace(pascalCase, "_$1");

    [GeneratedRegex("(?<=[a-z0-9])([A-Z])")]
    private static partial Regex WordStart();
}
