namespace IncidentActors.Services;

[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ServiceView")]
public sealed record ServiceView(
    [property: Id(0)] ServiceDefinition Definition,
    [property: Id(1)] DateTimeOffset RegisteredAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] System.Collections.Immutable.ImmutableArray<ChangeFreeze> ActiveChangeFreezes);
