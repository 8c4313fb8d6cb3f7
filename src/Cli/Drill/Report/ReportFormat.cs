using System.Globalization;
using static System.FormattableString;

namespace IncidentActors.Cli.Drill.Report;

/// <summary>
/// How the report writes times, durations and table cells: invariant culture and fixed shapes, so two runs of one
/// scenario can be compared line by line on any machine.
/// </summary>
internal static class ReportFormat
{
    /// <summary>Relative to the drill's start (what two runs share), then absolute in UTC (what logs show).</summary>
    public static string At(DateTimeOffset at, DateTimeOffset start) => $"{Relative(at - start)} ({Absolute(at)})";

    public static string Absolute(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>T+01:02:03.450</c>: hours keep counting past a day.</summary>
    public static string Relative(TimeSpan sinceStart)
    {
        var sign = sinceStart < TimeSpan.Zero ? "-" : "+";
        var d = sinceStart.Duration();
        return Invariant($"T{sign}{(long)d.TotalHours:00}:{d.Minutes:00}:{d.Seconds:00}.{d.Milliseconds:000}");
    }

    /// <summary>Tenths of a second under a minute, whole seconds above: <c>42.5s</c>, <c>4m 05s</c>, <c>1h 02m 03s</c>.</summary>
    public static string Duration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            return "-" + Duration(duration.Duration());
        }

        var tenths = Math.Round(duration.TotalSeconds, 1, MidpointRounding.AwayFromZero);
        if (tenths < 60)
        {
            return tenths.ToString("0.0", CultureInfo.InvariantCulture) + "s";
        }

        var seconds = (long)Math.Round(duration.TotalSeconds, MidpointRounding.AwayFromZero);
        return seconds < 3600
            ? Invariant($"{seconds / 60}m {seconds % 60:00}s")
            : Invariant($"{seconds / 3600}h {seconds / 60 % 60:00}m {seconds % 60:00}s");
    }

    public static string Duration(TimeSpan? duration) => duration is { } d ? Duration(d) : None;

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary><c>1 incident</c>, <c>3 incidents</c>.</summary>
    public static string Count(int count, string noun) => $"{Number(count)} {noun}{(count == 1 ? "" : "s")}";

    /// <summary>What an empty cell shows: something was not measured, which is not the same as zero.</summary>
    public const string None = "—";

    /// <summary>Text from the record inside a table cell: a pipe or a line break would break the table.</summary>
    public static string Cell(string? text) => string.IsNullOrEmpty(text)
        ? None
        : text.Replace("\\", "\\\\").Replace("|", "\\|").ReplaceLineEndings(" ");

    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |\n";

    public static string Header(params string[] columns) =>
        Row(columns) + "|" + string.Concat(columns.Select(_ => " --- |")) + "\n";
}
