using System.Collections.Immutable;

namespace IncidentActors.Alerts;

/// <summary>
/// One alert event as it arrives from a monitoring tool, whatever the wire it came over. Environment,
/// owner and category may be left out: intake fills them from the service catalog and the unit's
/// classification rules.
/// </summary>
/// <param name="GroupAlertsFiring">
/// Set when the event stands for a whole group of the monitoring tool (an Alertmanager group): how many of the
/// group's alerts fire. The incident then takes its alert count and title from the group's latest notification
/// instead of counting each notification as a repeat.
/// </param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Alerts.AlertEvent")]
public sealed record AlertEvent(
    [property: Id(0)] string ServiceId,
    [property: Id(1)] AlertAction Action,
    [property: Id(2)] string? DedupKey,
    [property: Id(3)] string Summary,
    [property: Id(4)] string Source,
    [property: Id(5)] AlertSeverity Severity,
    [property: Id(6)] string? Component,
    [property: Id(7)] ImmutableSortedDictionary<string, string> CustomDetails,
    [property: Id(8)] string Integration,
    [property: Id(9)] string? Environment = null,
    [property: Id(10)] string? Owner = null,
    [property: Id(11)] string? Category = null,
    [property: Id(12)] int? GroupAlertsFiring = null);
