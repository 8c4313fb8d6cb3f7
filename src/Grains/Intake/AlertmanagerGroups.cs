using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using IncidentActors.Alerts;
using IncidentActors.Services;

namespace IncidentActors.Intake;

/// <summary>
/// An Alertmanager group as one incident, as PagerDuty and Grafana OnCall take it: the notification becomes a
/// single alert event keyed by the group, titled the way Alertmanager's default template titles it.
/// </summary>
public static class AlertmanagerGroups
{
    public const string DedupKeyPrefix = "alertmanager-group:";
    public const string AlertNameLabel = "alertname";

    /// <summary>
    /// The one alert event that stands for the group, or null when the alerts go one by one: the service's
    /// grouping asks for an incident per alert, or the notification names no group.
    /// </summary>
    /// <remarks>
    /// It triggers while any alert of the group fires (a partly resolved group only updates count and title)
    /// and resolves once none does, which is Alertmanager's "resolved" notification of the whole group.
    /// </remarks>
    public static AlertEvent? AsOneAlert(AlertGroupNotification notification, AlertGrouping grouping)
    {
        if (grouping.IncidentPerAlert || string.IsNullOrEmpty(notification.GroupKey) || notification.Alerts.IsDefaultOrEmpty)
        {
            return null;
        }
        var firing = notification.Alerts.Where(a => a.Action == AlertAction.Trigger).ToList();
        // The most severe firing alert speaks for the group; a resolved group keeps the first alert's fields.
        var lead = firing.OrderBy(a => a.Severity).FirstOrDefault() ?? notification.Alerts[0];
        var common = notification.CommonLabels;
        var details = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in common)
        {
            details["label." + name] = value;
        }
        details["groupKey"] = notification.GroupKey;
        return new AlertEvent(
            notification.ServiceId,
            firing.Count > 0 ? AlertAction.Trigger : AlertAction.Resolve,
            DedupKey(notification.GroupKey),
            Title(notification, firing.Count),
            common.GetValueOrDefault("instance") ?? common.GetValueOrDefault("job") ?? lead.Integration,
            lead.Severity,
            common.GetValueOrDefault("component"),
            details.ToImmutable(),
            lead.Integration,
            GroupAlertsFiring: firing.Count,
            // The group's problem started with its earliest alert.
            StartedAt: firing.Select(a => a.StartedAt).Where(at => at is not null).Min());
    }

    /// <summary>
    /// Alertmanager's default title: <c>[FIRING:n] </c> (or <c>[RESOLVED] </c>) and the group's label values,
    /// alertname first, the others by label name. The alertname comes from the common labels when the group is
    /// not formed by it; with no such labels, the first alert's summary names the group. Common labels beyond
    /// the group's are left out (Alertmanager adds them in parentheses), since they shrink and grow as alerts
    /// join and leave: the title changes only with the count.
    /// </summary>
    public static string Title(AlertGroupNotification notification, int firing)
    {
        var names = new List<string>();
        if ((notification.GroupLabels.GetValueOrDefault(AlertNameLabel) ?? notification.CommonLabels.GetValueOrDefault(AlertNameLabel)) is { Length: > 0 } alertName)
        {
            names.Add(alertName);
        }
        names.AddRange(notification.GroupLabels.Where(l => l.Key != AlertNameLabel && l.Value.Length > 0).Select(l => l.Value));
        var what = names.Count > 0 ? string.Join(' ', names) : notification.Alerts.Select(a => a.Summary).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? "";
        var title = (firing > 0 ? $"[FIRING:{firing}] " : "[RESOLVED] ") + what;
        return title.Length <= AlertValidator.MaxSummaryLength ? title : title[..(AlertValidator.MaxSummaryLength - 1)] + "…";
    }

    /// <summary>A group key can be as long as its labels: a hash of it fits any dedup key limit and stays stable.</summary>
    public static string DedupKey(string groupKey) =>
        DedupKeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(groupKey)))[..32];
}
