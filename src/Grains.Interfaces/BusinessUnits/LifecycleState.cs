namespace IncidentActors.BusinessUnits;

[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.LifecycleState")]
public sealed record LifecycleState(
    [property: Id(0)] string Name,
    [property: Id(1)] LifecyclePhase Phase);
