namespace IncidentActors.Escalation;

[GenerateSerializer, Immutable, Alias("IncidentActors.Escalation.EscalationTarget")]
public sealed record EscalationTarget(
    [property: Id(0)] EscalationTargetKind Kind,
    [property: Id(1)] string Id);
