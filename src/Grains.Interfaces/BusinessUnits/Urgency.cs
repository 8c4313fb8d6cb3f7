namespace IncidentActors.BusinessUnits;

/// <summary>How fast the harm grows if nobody acts.</summary>
[GenerateSerializer]
public enum Urgency
{
    Critical = 0,
    High = 1,
    Medium = 2,
    Low = 3,
}
