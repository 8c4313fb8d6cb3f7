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

    public static bool Take(IncidentContext incident, string eventId, string commander, string actor)
    {
        incident.EnsureExists();
        if (!MayTake(incident, eventId))
        {
            return false;
        }
        var now = incident.Now;
        incident.State.CentralCommand = new CentralCommand(eventId, commander, now);
        incident.Append(now, actor, TimelineEntryKind.CentralCommandTaken,
            $"Taken under central command of enterprise-wide event '{eventId}' (commander {commander}); local command keeps the technical work.");
        return true;
    }

    /// <summary>Handed back by the event it is under; from any other event, nothing happens.</summary>
    public static bool HandBack(IncidentContext incident, string eventId, string actor)
    {
        if (!incident.Exists || incident.State.CentralCommand?.EventId != eventId)
        {
            return false;
        }
        incident.State.CentralCommand = null;
        incident.Append(incident.Now, actor, TimelineEntryKind.HandedBackToLocalCommand, $"Handed back to local command by enterprise-wide event '{eventId}'.");
        return true;
    }

    /// <summary>A decided severity restarts the duty clocks for it; a decision may also end central command.</summary>
    public static async Task<bool> RecordDecisionAsync(IncidentContext incident, string decisionId, CentralDecision decision, CancellationToken cancellationToken)
    {
        if (!Applies(incident, decisionId, decision))
        {
            return false;
        }
        var s = incident.State;
        var now = incident.Now;
        if (decision.Severity is { } severity)
        {
            s.CentralSeverity = severity;
            await DutyClocks.SetAsync(incident, now, cancellationToken);
        }
        incident.Append(now, decision.DecidedBy, TimelineEntryKind.CentralDecision, $"Central command of enterprise-wide event '{decision.EventId}': {decision.Message}");
        if (decision.NewCommander is { } commander && s.CentralCommand is { } central)
        {
            s.CentralCommand = central with { Commander = commander };
        }
        if (decision.EndsCentralCommand)
        {
            s.CentralCommand = null;
        }
        Remember(s, decisionId);
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
