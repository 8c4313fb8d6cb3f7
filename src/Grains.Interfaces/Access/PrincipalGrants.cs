using System.Collections.Immutable;

namespace IncidentActors.Access;

[GenerateSerializer, Immutable, Alias("IncidentActors.Access.PrincipalGrants")]
public sealed record PrincipalGrants(
    [property: Id(0)] string PrincipalId,
    [property: Id(1)] ImmutableArray<RoleGrant> Grants,
    [property: Id(2)] DateTimeOffset? LastUsedAt);
