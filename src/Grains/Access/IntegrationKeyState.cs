using System.Collections.Immutable;

namespace IncidentActors.Access;

[GenerateSerializer, Alias("IncidentActors.Access.IntegrationKeyState")]
public sealed class IntegrationKeyState
{
    [Id(0)] public IntegrationKeyDefinition? Definition { get; set; }
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public byte[]? SecretHash { get; set; }
    [Id(3)] public byte[]? PreviousSecretHash { get; set; }
    [Id(4)] public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    [Id(5)] public bool Revoked { get; set; }
    [Id(6)] public DateTimeOffset? LastUsedAt { get; set; }
}
