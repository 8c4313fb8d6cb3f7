using IncidentActors.Errors;
using IncidentActors.Storage;

namespace IncidentActors.Access;

internal sealed class IntegrationKeyGrain(
    [PersistentState("integrationKey", StorageNames.Incidents)] IPersistentState<IntegrationKeyState> state,
    TimeProvider clock) : Grain, IIntegrationKeyGrain, IUnitScoped
{
    /// <summary>Last use is for access reviews, which count in days: storing it more often than this only costs writes.</summary>
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromHours(1);

    private string KeyId => this.GetPrimaryKeyString();

    public ValueTask<GrainScope?> ScopeAsync() =>
        ValueTask.FromResult(state.State.Definition is { } definition ? new GrainScope(definition.BusinessUnitId) : null);

    public async Task<IssuedIntegrationKey> Issue(IntegrationKeyDefinition definition, CancellationToken cancellationToken = default)
    {
        AccessValidator.Validate(definition);
        if (state.State.Definition is not null)
        {
            throw new IllegalTransitionException($"Integration key {KeyId} was issued already.");
        }
        var secret = IntegrationKeySecret.Issue(KeyId);
        state.State.Definition = definition;
        state.State.CreatedAt = clock.GetUtcNow();
        state.State.SecretHash = BearerSecret.Hash(secret);
        // Listed before it is stored: a retry after a failure in between lists it again, harmlessly.
        await GrainFactory.GetGrain<IUnitAccessGrain>(definition.BusinessUnitId).AddIntegrationKey(KeyId, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        return new IssuedIntegrationKey(View(), secret);
    }

    public async Task<IssuedIntegrationKey> Rotate(TimeSpan overlap, CancellationToken cancellationToken = default)
    {
        RequireLive();
        if (overlap < TimeSpan.Zero || overlap > TimeSpan.FromDays(30))
        {
            throw new InvalidRequestException("overlap_seconds", "must be between 0 and 30 days");
        }
        var secret = IntegrationKeySecret.Issue(KeyId);
        var s = state.State;
        s.PreviousSecretHash = overlap > TimeSpan.Zero ? s.SecretHash : null;
        s.PreviousSecretExpiresAt = overlap > TimeSpan.Zero ? clock.GetUtcNow() + overlap : null;
        s.SecretHash = BearerSecret.Hash(secret);
        await state.WriteStateAsync(cancellationToken);
        return new IssuedIntegrationKey(View(), secret);
    }

    public async Task<IntegrationKeyView> Revoke(CancellationToken cancellationToken = default)
    {
        Require();
        if (!state.State.Revoked)
        {
            state.State.Revoked = true;
            state.State.PreviousSecretHash = null;
            state.State.PreviousSecretExpiresAt = null;
            await state.WriteStateAsync(cancellationToken);
        }
        return View();
    }

    public Task<IntegrationKeyView> Get(CancellationToken cancellationToken = default)
    {
        Require();
        return Task.FromResult(View());
    }

    public async Task<IntegrationKeyView?> Authenticate(string secret, CancellationToken cancellationToken = default)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var valid = s.Definition is not null && !s.Revoked
            && (BearerSecret.Matches(secret, s.SecretHash)
                || now < s.PreviousSecretExpiresAt && BearerSecret.Matches(secret, s.PreviousSecretHash));
        if (!valid)
        {
            return null;
        }
        if (s.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            s.LastUsedAt = now;
            await state.WriteStateAsync(cancellationToken);
        }
        return View();
    }

    private void Require()
    {
        if (state.State.Definition is null)
        {
            throw new ResourceNotFoundException("IntegrationKey", KeyId);
        }
    }

    private void RequireLive()
    {
        Require();
        if (state.State.Revoked)
        {
            throw new IllegalTransitionException($"Integration key {KeyId} is revoked.");
        }
    }

    private IntegrationKeyView View()
    {
        var s = state.State;
        var d = s.Definition!;
        return new IntegrationKeyView(KeyId, d.Name, d.BusinessUnitId, d.ServiceIds, s.CreatedAt, s.LastUsedAt, s.Revoked, s.PreviousSecretExpiresAt);
    }
}
