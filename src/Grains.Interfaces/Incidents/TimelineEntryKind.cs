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
    RoleAssigned = 12,
    RoleReleased = 13,
    TimeLimitMissed = 14,
    MajorDeclared = 15,
    BridgeJoined = 16,
    RestorationVerified = 17,
    RestorationConfirmed = 18,
    MajorDeescalated = 19,
    CentralCommandTaken = 20,
    HandedBackToLocalCommand = 21,
    CentralDecision = 22,
    EventClosed = 23,
    ResolutionRecorded = 24,
    ClosureReviewed = 25,
    ChangesFrozen = 26,
}
