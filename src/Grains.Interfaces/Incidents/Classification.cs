using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>What the unit's rules made of the alert that opened an incident, and which rule of which version did it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.Classification")]
public sealed record Classification(
    [property: Id(0)] string RuleName,
    [property: Id(1)] int RulesVersion,
    [property: Id(2)] string Category,
    [property: Id(3)] Urgency Urgency,
    [property: Id(4)] BusinessImpact Impact,
    [property: Id(5)] IncidentSeverity Severity);
