namespace IncidentActors.BusinessUnits;

/// <summary>
/// What a lifecycle state means to the shared core process, whatever a business unit calls it:
/// escalation stops once a state is past <see cref="Open"/>, and an incident is over from
/// <see cref="Resolved"/> on.
/// </summary>
[GenerateSerializer]
public enum LifecyclePhase
{
    Open = 0,
    Acknowledged = 1,
    Mitigated = 2,
    Resolved = 3,
    Closed = 4,
}
