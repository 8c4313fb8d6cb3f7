using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>A person's judgement of an incident's business impact and urgency, and the severity the unit's matrix gave it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ImpactAssessment")]
public sealed record ImpactAssessment(
    [property: Id(0)] BusinessImpact Impact,
    [property: Id(1)] Urgency Urgency,
    [property: Id(2)] IncidentSeverity Severity,
    [property: Id(3)] string AssessedBy,
    [property: Id(4)] DateTimeOffset AssessedAt,
    [property: Id(5)] string? Note);
