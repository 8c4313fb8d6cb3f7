namespace IncidentActors.Escalation;

/// <summary>A position in a policy: level (0-based) and round (0 the first pass, then one per repeat).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Escalation.EscalationStep")]
public sealed record EscalationStep(
    [property: Id(0)] int Level,
    [property: Id(1)] int Round)
{
    public static readonly EscalationStep First = new(0, 0);

    /// <summary>Names one step of one incident: pages of a retried or failed-over step carry the same key.</summary>
    public string IdempotencyKey(string incidentId) => $"{incidentId}/L{Level + 1}/R{Round + 1}";
}
