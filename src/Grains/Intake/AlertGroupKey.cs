using System.Text;
using IncidentActors.Alerts;
using IncidentActors.Services;

namespace IncidentActors.Intake;

/// <summary>Which group an alert belongs to under a service's <see cref="AlertGrouping"/>.</summary>
public static class AlertGroupKey
{
    public static readonly string[] Fields = ["component", "category", "environment", "source"];

    /// <summary>The alert's group; with no grouping fields every dedup key is a group of its own.</summary>
    public static string Of(AlertEvent alert, AlertGrouping grouping)
    {
        if (grouping.By.IsDefaultOrEmpty)
        {
            return "dedup:" + alert.DedupKey;
        }
        var key = new StringBuilder("by");
        foreach (var field in grouping.By)
        {
            var value = AlertFields.ValueOf(alert, field);
            // Length-prefixed, so that no two different value lists give the same key.
            key.Append('|').Append(value?.Length ?? -1).Append(':').Append(value);
        }
        return key.ToString();
    }
}
