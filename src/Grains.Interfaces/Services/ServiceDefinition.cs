namespace IncidentActors.Services;

/// <summary>A service catalog entry as its owners register it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ServiceDefinition")]
public sealed record ServiceDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string OwnerTeam,
    [property: Id(3)] string BusinessUnitId,
    [property: Id(4)] string? EscalationPolicyId = null);
