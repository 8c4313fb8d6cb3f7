namespace IncidentActors.BusinessUnits;

/// <summary>Something an incident must have within a time limit of opening: a role filled, or its impact assessed.</summary>
[GenerateSerializer]
public enum ResponseDuty
{
    Commander = 0,
    CommunicationsLead = 1,
    TechnicalLead = 2,
    Scribe = 3,
    ImpactAssessment = 4,
}
