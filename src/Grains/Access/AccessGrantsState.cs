namespace IncidentActors.Access;

[GenerateSerializer, Alias("IncidentActors.Access.AccessGrantsState")]
public sealed class AccessGrantsState
{
    [Id(0)] public List<RoleGrant> Grants { get; set; } = [];
    [Id(1)] public DateTimeOffset? LastUsedAt { get; set; }
}
