namespace IncidentActors.BusinessUnits;

/// <summary>An incident's severity by business impact; SEV1 is the worst.</summary>
[GenerateSerializer]
public enum IncidentSeverity
{
    Sev1 = 1,
    Sev2 = 2,
    Sev3 = 3,
    Sev4 = 4,
}
