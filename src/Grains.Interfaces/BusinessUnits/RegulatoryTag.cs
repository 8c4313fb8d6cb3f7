using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>A regulatory concern (data breach, GDPR, SOX...) and the people it pulls into an incident tagged with it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.RegulatoryTag")]
public sealed record RegulatoryTag(
    [property: Id(0)] string Tag,
    [property: Id(1)] ImmutableArray<string> Stakeholders);
