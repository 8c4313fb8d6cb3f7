using IncidentActors.Alerts;

namespace IncidentActors.Intake;

/// <summary>The fields of an alert that rules and grouping name: a few by name, custom details as "detail.&lt;key&gt;".</summary>
public static class AlertFields
{
    public const string DetailPrefix = "detail.";

    /// <summary>Whether <paramref name="field"/> is one of <paramref name="named"/> or names a custom detail.</summary>
    public static bool IsField(string? field, IReadOnlyCollection<string> named) =>
        field is not null && (named.Contains(field) || (field.StartsWith(DetailPrefix, StringComparison.Ordinal) && field.Length > DetailPrefix.Length));

    /// <summary>The hint a caller gets for a field that is not one.</summary>
    public static string Expected(IReadOnlyCollection<string> named) => $"use {string.Join(", ", named)} or {DetailPrefix}<key>";

    /// <summary>The field's value on the alert; null when the alert does not carry it.</summary>
    public static string? ValueOf(AlertEvent alert, string field) => field switch
    {
        "summary" => alert.Summary,
        "source" => alert.Source,
        "component" => alert.Component,
        "category" => alert.Category,
        "environment" => alert.Environment,
        "severity" => alert.Severity.ToString().ToLowerInvariant(),
        _ => alert.CustomDetails.GetValueOrDefault(field[DetailPrefix.Length..]),
    };
}
