namespace IncidentActors.Access;

/// <summary>Issues integration keys under new ids and tells which key a presented secret is; a stateless worker.</summary>
[Alias("IncidentActors.Access.IIntegrationAccessGrain")]
public interface IIntegrationAccessGrain : IGrainWithIntegerKey
{
    [Alias("Issue")]
    Task<IssuedIntegrationKey> Issue(IntegrationKeyDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>The key a presented secret belongs to, if it is valid now; null for anything else, shaped like a key or not.</summary>
    [Alias("Authenticate")]
    Task<IntegrationKeyView?> Authenticate(string secret, CancellationToken cancellationToken = default);
}
