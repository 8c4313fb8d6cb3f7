namespace IncidentActors.Escalation;

[GenerateSerializer, Alias("IncidentActors.Escalation.EscalationPolicyState")]
public sealed class EscalationPolicyState
{
    [Id(0)] public EscalationPolicyDefinition? Definition { get; set; }
}
