namespace IncidentActors.BusinessUnits;

/// <summary>How much of the business an incident hurts, from the widest to the narrowest.</summary>
[GenerateSerializer]
public enum BusinessImpact
{
    Extensive = 0,
    Significant = 1,
    Moderate = 2,
    Minor = 3,
}
