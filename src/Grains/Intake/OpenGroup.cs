namespace IncidentActors.Intake;

/// <summary>The incident a group opened, while its grouping window may still add to it. Stored: the alias stays that of its first home.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.OpenGroup")]
public sealed record OpenGroup(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] DateTimeOffset OpenedAt);
