namespace IncidentActors.Incidents;

/// <summary>The canonical points of an incident's life that response metrics measure between.</summary>
[GenerateSerializer, Alias("IncidentActors.Incidents.Milestone")]
public enum Milestone
{
    Detected = 0,
    Opened = 1,
    Acknowledged = 2,
    Mitigated = 3,
    Resolved = 4,
}

/// <summary>
/// When the incident reached each milestone. Detected is when its alert says the problem started (opening time when the
/// alert does not say); acknowledged, mitigated and resolved are the first entry into the lifecycle's phase of that name
/// (resolved: the latest, since a reopened incident clears it). Commanders may correct any reached milestone.
/// </summary>
/// <param name="Reopens">How often the incident was taken back into work after it had been resolved.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentMilestones")]
public sealed record IncidentMilestones(
    [property: Id(0)] DateTimeOffset DetectedAt,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] DateTimeOffset? AcknowledgedAt = null,
    [property: Id(3)] DateTimeOffset? MitigatedAt = null,
    [property: Id(4)] DateTimeOffset? ResolvedAt = null,
    [property: Id(5)] int Reopens = 0)
{
    public DateTimeOffset? At(Milestone milestone) => milestone switch
    {
        Milestone.Detected => DetectedAt,
        Milestone.Opened => OpenedAt,
        Milestone.Acknowledged => AcknowledgedAt,
        Milestone.Mitigated => MitigatedAt,
        _ => ResolvedAt,
    };
}
