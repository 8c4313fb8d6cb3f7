using System.Collections.Immutable;

namespace IncidentActors.Access;

/// <summary>
/// Who holds roles in one business unit and which integration keys it has (the key is the unit id, or
/// <see cref="OrgWide"/>), so that admins can review them. Kept by the grants and key grains, which hold the facts.
/// </summary>
[Alias("IncidentActors.Access.IUnitAccessGrain")]
public interface IUnitAccessGrain : IGrainWithStringKey
{
    public const string OrgWide = "*";

    [Alias("SetPrincipal")]
    Task SetPrincipal(string principalId, bool holdsRoles, CancellationToken cancellationToken = default);

    [Alias("AddIntegrationKey")]
    Task AddIntegrationKey(string keyId, CancellationToken cancellationToken = default);

    [Alias("Principals")]
    Task<ImmutableArray<string>> Principals(CancellationToken cancellationToken = default);

    [Alias("IntegrationKeys")]
    Task<ImmutableArray<string>> IntegrationKeys(CancellationToken cancellationToken = default);
}
