namespace IncidentActors.Escalation;

[Alias("IncidentActors.Escalation.IEscalationPolicyGrain")]
public interface IEscalationPolicyGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the policy. Escalations already running keep the version they started with.</summary>
    [Alias("Define")]
    Task<EscalationPolicyDefinition> Define(EscalationPolicyDefinition definition, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<EscalationPolicyDefinition> Get(CancellationToken cancellationToken = default);
}
