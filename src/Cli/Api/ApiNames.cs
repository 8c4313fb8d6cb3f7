using Spectre.Console;

namespace IncidentActors.Cli.Api;

/// <summary>An API enum's values by the names the tool prints them with (AlertSeverity.Critical is "critical"), UNSPECIFIED left out.</summary>
internal static class ApiNames<T> where T : struct, System.Enum
{
    public static IReadOnlyDictionary<string, T> Values { get; } = System.Enum.GetValues<T>()
        .Where(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture) != 0)
        .ToDictionary(v => CliOutput.Name(v), StringComparer.OrdinalIgnoreCase);

    public static ValidationResult Check(string option, string? name) => name is null || Values.ContainsKey(name)
        ? ValidationResult.Success()
        : ValidationResult.Error($"{option} must be one of {string.Join(", ", Values.Keys)}, not '{name}'");

    /// <summary>The value named, or UNSPECIFIED when the option was not given; the name passed <see cref="Check"/>.</summary>
    public static T Parse(string? name) => name is null ? default : Values[name];
}
