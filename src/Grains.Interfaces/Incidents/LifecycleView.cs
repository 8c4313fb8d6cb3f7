using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>Where an incident stands in its business unit's lifecycle model, and where it may go next.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.LifecycleView")]
public sealed record LifecycleView(
    [property: Id(0)] string Model,
    [property: Id(1)] string State,
    [property: Id(2)] ImmutableArray<string> Next);
