using System.Collections.Immutable;

namespace IncidentActors.Access;

/// <summary>An integration key as admins see it: never its secret.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Access.IntegrationKeyView")]
public sealed record IntegrationKeyView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string BusinessUnitId,
    [property: Id(3)] ImmutableArray<string> ServiceIds,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset? LastUsedAt,
    [property: Id(6)] bool Revoked,
    [property: Id(7)] DateTimeOffset? PreviousSecretExpiresAt);

/// <summary>A key with its secret, answered once, when issued or rotated.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Access.IssuedIntegrationKey")]
public sealed record IssuedIntegrationKey(
    [property: Id(0)] IntegrationKeyView Key,
    [property: Id(1)] string Secret);

[GenerateSerializer, Immutable, Alias("IncidentActors.Access.IntegrationKeyDefinition")]
public sealed record IntegrationKeyDefinition(
    [property: Id(0)] string Name,
    [property: Id(1)] string BusinessUnitId,
    [property: Id(2)] ImmutableArray<string> ServiceIds);
