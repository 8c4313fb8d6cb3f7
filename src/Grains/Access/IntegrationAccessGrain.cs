using Orleans.Concurrency;

namespace IncidentActors.Access;

[StatelessWorker]
internal sealed class IntegrationAccessGrain : Grain, IIntegrationAccessGrain
{
    public Task<IssuedIntegrationKey> Issue(IntegrationKeyDefinition definition, CancellationToken cancellationToken = default) =>
        GrainFactory.GetGrain<IIntegrationKeyGrain>(IntegrationKeySecret.NewKeyId()).Issue(definition, cancellationToken);

    public async Task<IntegrationKeyView?> Authenticate(string secret, CancellationToken cancellationToken = default) =>
        // A string not shaped like a key never wakes a key grain.
        IntegrationKeySecret.KeyIdOf(secret) is { } keyId
            ? await GrainFactory.GetGrain<IIntegrationKeyGrain>(keyId).Authenticate(secret, cancellationToken)
            : null;
}
