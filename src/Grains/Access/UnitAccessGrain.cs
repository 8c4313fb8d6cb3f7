using System.Collections.Immutable;
using IncidentActors.Storage;

namespace IncidentActors.Access;

internal sealed class UnitAccessGrain(
    [PersistentState("unitAccess", StorageNames.Incidents)] IPersistentState<UnitAccessState> state) : Grain, IUnitAccessGrain
{
    public async Task SetPrincipal(string principalId, bool holdsRoles, CancellationToken cancellationToken = default)
    {
        if (holdsRoles ? state.State.Principals.Add(principalId) : state.State.Principals.Remove(principalId))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public async Task AddIntegrationKey(string keyId, CancellationToken cancellationToken = default)
    {
        if (state.State.IntegrationKeys.Add(keyId))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<ImmutableArray<string>> Principals(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Principals.ToImmutableArray());

    public Task<ImmutableArray<string>> IntegrationKeys(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.IntegrationKeys.ToImmutableArray());
}
