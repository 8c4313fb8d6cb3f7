using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>
/// What every incident a service opens at once needs from its business unit, fetched once for all of them: the
/// unit's policy, its classification rules in force, and the index page the incidents are listed in.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentOpening")]
public sealed record IncidentOpening(
    [property: Id(0)] BusinessUnitDefinition Unit,
    [property: Id(1)] ClassificationRules Rules,
    [property: Id(2)] int IndexPage);
