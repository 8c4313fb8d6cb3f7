namespace IncidentActors.Incidents;

/// <param name="Level">1-based, as people count levels; 0 when nothing was paged yet.</param>
/// <param name="NextEscalationAt">When the next level is paged unless someone acknowledges; null when escalation stopped.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.EscalationView")]
public sealed record EscalationView(
    [property: Id(0)] string PolicyId,
    [property: Id(1)] int Level,
    [property: Id(2)] int Round,
    [property: Id(3)] DateTimeOffset? NextEscalationAt,
    [property: Id(4)] bool Exhausted);
