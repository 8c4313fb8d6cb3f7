namespace IncidentActors.BusinessUnits;

/// <param name="NeedsReview">Entering the state needs the incident's post-incident review published.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.LifecycleState")]
public sealed record LifecycleState(
    [property: Id(0)] string Name,
    [property: Id(1)] LifecyclePhase Phase,
    [property: Id(2)] bool NeedsReview = false);
