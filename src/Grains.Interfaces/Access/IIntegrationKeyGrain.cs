namespace IncidentActors.Access;

/// <summary>
/// One integration's API key, keyed by its id. The secret handed out is "iak.&lt;id&gt;.&lt;random&gt;"; only its
/// SHA-256 is kept (the random part has 256 bits, so a fast hash suffices). Issued through <see cref="IIntegrationAccessGrain"/>.
/// </summary>
[Alias("IncidentActors.Access.IIntegrationKeyGrain")]
public interface IIntegrationKeyGrain : IGrainWithStringKey
{
    /// <summary>Only for a key id never issued before.</summary>
    [Alias("Issue")]
    Task<IssuedIntegrationKey> Issue(IntegrationKeyDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>A new secret; the previous one keeps working until <paramref name="overlap"/> from now.</summary>
    [Alias("Rotate")]
    Task<IssuedIntegrationKey> Rotate(TimeSpan overlap, CancellationToken cancellationToken = default);

    [Alias("Revoke")]
    Task<IntegrationKeyView> Revoke(CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<IntegrationKeyView> Get(CancellationToken cancellationToken = default);

    /// <summary>The key, when <paramref name="secret"/> is its current secret or a previous one still in its overlap; null otherwise.</summary>
    [Alias("Authenticate")]
    Task<IntegrationKeyView?> Authenticate(string secret, CancellationToken cancellationToken = default);
}
