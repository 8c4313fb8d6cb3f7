namespace IncidentActors.Incidents;

[GenerateSerializer, Alias("IncidentActors.Incidents.TimelineEntryKind")]
public enum TimelineEntryKind
{
    Opened = 0,
    Acknowledged = 1,
    Resolved = 2,
    AlertReceived = 3,
    Paged = 4,
    Escalated = 5,
    EscalationExhausted = 6,
    Reassigned = 7,
    HandedOver = 8,
    StateChanged = 9,
    ImpactAssessed = 10,
    RegulatoryTagged = 11,
}
