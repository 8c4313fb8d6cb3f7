using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>
/// Central command of an enterprise-wide event over an incident: the event decides severity, external communication
/// and closing, recorded on the incident as it decides; local command keeps acknowledging, working and resolving.
/// </summary>
internal static class CentralCommandRules
{
    public const int AppliedDecisionsKept = 200;

    /// <summary>True when the incident is to be taken under the event's command; false when it is already.</summary>
    public static bool MayTake(IncidentContext incident, string eventId)
    {
        var s = incident.State;
        if (s.CentralCommand?.EventId == eventId)
        {
            return false;
        }
        if (s.CentralCommand is { } other)
        {
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is under central command of enterprise-wide event '{other.EventId}'; that event must hand it back first.");
        }
        if (incident.Model.State(incident.CurrentState)?.Phase == LifecyclePhase.Closed)
        {
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is closed.");
        }
        return true;
    }

    /// <summary>A decision is applied once, and only by the event the incident is under.</summary>
    public static bool Applies(IncidentContext incident, string decisionId, CentralDecision decision) =>
        incident.Exists && incident.State.CentralCommand?.EventId == decision.EventId && !incident.State.AppliedDecisions.Contains(decisionId);

    /// <summary>Remembers the decision as applied, keeping only the latest so the state stays bounded.</summary>
    public static void Remember(IncidentState state, string decisionId)
    {
        state.AppliedDecisions.Add(decisionId);
        if (state.AppliedDecisions.Count > AppliedDecisionsKept)
        {
            state.AppliedDecisions.RemoveAt(0);
        }
    }
}
