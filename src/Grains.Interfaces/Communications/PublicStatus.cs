namespace IncidentActors.Communications;

/// <summary>
/// What customers and subscribers are told an incident is at, the status-page vocabulary. Each lifecycle state says
/// which it is (<see cref="BusinessUnits.LifecycleState.PublicStatus"/>), by default from its phase.
/// </summary>
[GenerateSerializer, Alias("IncidentActors.Communications.PublicStatus")]
public enum PublicStatus
{
    Investigating = 0,

    /// <summary>The cause is known and being fixed; only a state that says so is identified.</summary>
    Identified = 1,

    /// <summary>A fix is in place and being watched.</summary>
    Monitoring = 2,
    Resolved = 3,
}
