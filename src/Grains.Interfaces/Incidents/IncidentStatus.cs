namespace IncidentActors.Incidents;

[GenerateSerializer, Alias("IncidentActors.Incidents.IncidentStatus")]
public enum IncidentStatus
{
    Triggered = 0,
    Acknowledged = 1,
    Resolved = 2,
}
