using System.Collections.Immutable;

namespace IncidentActors.Alerts;

/// <summary>
/// One notification of a monitoring tool about a group of its alerts (Alertmanager's webhook): the group's
/// alerts, each as the alert event it would be alone, and what names and labels the group.
/// </summary>
/// <param name="GroupKey">The tool's identity of the group; null when the notification names none.</param>
/// <param name="GroupLabels">The labels the group was formed by (Alertmanager's group_by).</param>
/// <param name="CommonLabels">The labels every alert of the notification shares.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Alerts.AlertGroupNotification")]
public sealed record AlertGroupNotification(
    [property: Id(0)] string ServiceId,
    [property: Id(1)] string? GroupKey,
    [property: Id(2)] ImmutableSortedDictionary<string, string> GroupLabels,
    [property: Id(3)] ImmutableSortedDictionary<string, string> CommonLabels,
    [property: Id(4)] ImmutableArray<AlertEvent> Alerts);
