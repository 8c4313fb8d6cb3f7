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
/// <param name="StartedAt">When the monitoring tool saw the problem start (Alertmanager's <c>startsAt</c>, an Events-v2
/// <c>payload.timestamp</c>): the incident's detected milestone. Null when the tool does not say; opening time stands in.</param>
/// <param name="Drill">A rehearsal: the incident it opens is a drill and never counts in metrics.</param>
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
    [property: Id(12)] int? GroupAlertsFiring = null,
    [property: Id(13)] DateTimeOffset? StartedAt = null,
    [property: Id(14)] bool Drill = false)
{
    /// <summary>The integration of an incident a person reports (Incidents/CreateIncident); its source is that person.</summary>
    public const string ReportedByPerson = "person";

    public bool IsPersonReport => Integration == ReportedByPerson;
}
