namespace IncidentActors.Incidents;

[GenerateSerializer]
public enum IncidentRole
{
    Commander = 0,
    CommunicationsLead = 1,
    TechnicalLead = 2,
    Scribe = 3,
}
