using IncidentActors.Storage;

namespace IncidentActors.Access;

internal sealed class AccessGrantsGrain(
    [PersistentState("grants", StorageNames.Incidents)] IPersistentState<AccessGrantsState> state) : Grain, IAccessGrantsGrain
{
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromHours(1);

    private string PrincipalId => this.GetPrimaryKeyString();

    public async Task<PrincipalGrants> Grant(RoleGrant grant, CancellationToken cancellationToken = default)
    {
        AccessValidator.Validate(PrincipalId, grant);
        if (!state.State.Grants.Contains(grant))
        {
            // The unit's listing learns first: a review may list a principal without the role, never miss one holding it.
            await Unit(grant).SetPrincipal(PrincipalId, holdsRoles: true, cancellationToken);
            state.State.Grants.Add(grant);
            await state.WriteStateAsync(cancellationToken);
        }
        return View();
    }

    public async Task<PrincipalGrants> Revoke(RoleGrant grant, CancellationToken cancellationToken = default)
    {
        AccessValidator.Validate(PrincipalId, grant);
        if (state.State.Grants.Remove(grant))
        {
            await state.WriteStateAsync(cancellationToken);
            if (!state.State.Grants.Exists(g => g.BusinessUnitId == grant.BusinessUnitId))
            {
                await Unit(grant).SetPrincipal(PrincipalId, holdsRoles: false, cancellationToken);
            }
        }
        return View();
    }

    public Task<PrincipalGrants> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public async Task RecordUse(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (state.State.LastUsedAt is not { } last || at - last >= LastUseResolution)
        {
            state.State.LastUsedAt = at;
            await state.WriteStateAsync(cancellationToken);
        }
    }

    private IUnitAccessGrain Unit(RoleGrant grant) => GrainFactory.GetGrain<IUnitAccessGrain>(grant.BusinessUnitId ?? IUnitAccessGrain.OrgWide);

    private PrincipalGrants View() => new(PrincipalId, [.. state.State.Grants], state.State.LastUsedAt);
}
