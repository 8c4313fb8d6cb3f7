using System.Collections.Immutable;

namespace IncidentActors.Incidents;

[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentPage")]
public sealed record IncidentPage(
    [property: Id(0)] ImmutableArray<IncidentSummary> Incidents,
    [property: Id(1)] IncidentCursor? Next);
