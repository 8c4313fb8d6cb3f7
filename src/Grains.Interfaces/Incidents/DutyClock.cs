using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>A running time limit: when it falls due, and how often it was already missed.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.DutyClock")]
public sealed record DutyClock(
    [property: Id(0)] ResponseDuty Duty,
    [property: Id(1)] DateTimeOffset Due,
    [property: Id(2)] int Misses);
