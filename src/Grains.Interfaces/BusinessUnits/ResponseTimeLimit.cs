namespace IncidentActors.BusinessUnits;

/// <summary>
/// "A SEV1 has a commander within 10 minutes": missed once, the people on the incident are nagged
/// and get the same time again; missed twice, the incident escalates to its policy's next level.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.ResponseTimeLimit")]
public sealed record ResponseTimeLimit(
    [property: Id(0)] IncidentSeverity Severity,
    [property: Id(1)] ResponseDuty Duty,
    [property: Id(2)] TimeSpan Within);
