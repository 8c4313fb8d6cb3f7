using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>
/// The transitions of the triggered → acknowledged → resolved lifecycle. Repeating the state an
/// incident is already in is not an error (a retried acknowledgement must not fail), it changes nothing.
/// </summary>
public static class IncidentLifecycle
{
    /// <summary>True when the transition changes the incident; false when it is already there.</summary>
    public static bool Acknowledge(string incidentId, IncidentStatus current) => current switch
    {
        IncidentStatus.Triggered => true,
        IncidentStatus.Acknowledged => false,
        _ => throw new IllegalTransitionException($"Incident '{incidentId}' is {current}; only a triggered incident can be acknowledged."),
    };

    public static bool Resolve(IncidentStatus current) => current != IncidentStatus.Resolved;

    public static bool AcceptsTriggers(IncidentStatus current) => current != IncidentStatus.Resolved;
}
