namespace IncidentActors.BusinessUnits;

[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.LifecycleTransition")]
public sealed record LifecycleTransition(
    [property: Id(0)] string From,
    [property: Id(1)] string To);
