using IncidentActors.Errors;
using IncidentActors.Storage;

namespace IncidentActors.Escalation;

internal sealed class EscalationPolicyGrain(
    [PersistentState("escalationPolicy", StorageNames.Incidents)] IPersistentState<EscalationPolicyState> state)
    : Grain, IEscalationPolicyGrain
{
    public async Task<EscalationPolicyDefinition> Define(EscalationPolicyDefinition definition, CancellationToken cancellationToken = default)
    {
        EscalationPlan.Validate(this.GetPrimaryKeyString(), definition);
        state.State.Definition = definition;
        await state.WriteStateAsync(cancellationToken);
        return definition;
    }

    public Task<EscalationPolicyDefinition> Get(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Definition ?? throw new ResourceNotFoundException("Escalation policy", this.GetPrimaryKeyString()));
}
