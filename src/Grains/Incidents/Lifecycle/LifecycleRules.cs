using IncidentActors.BusinessUnits;
using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>
/// The business unit's lifecycle model applied to one incident. Acknowledging and resolving are the model's own
/// transitions into an acknowledged or a resolved state, so that alerts, responders and the model always agree.
/// </summary>
internal static class LifecycleRules
{
    /// <summary>The state a move by hand goes to, or null when the incident is there already; refused when the model or central command forbids it.</summary>
    public static LifecycleState? Target(IncidentContext incident, string to)
    {
        var model = incident.Model;
        var from = incident.CurrentState;
        var target = model.State(to)
            ?? throw new InvalidRequestException("state", $"'{to}' is not a state of the {model.Name} lifecycle; its states are {string.Join(", ", model.States.Select(s => $"'{s.Name}'"))}.");
        if (from == to)
        {
            return null;
        }
        if (target.Phase == LifecyclePhase.Closed && incident.State.CentralCommand is { } central)
        {
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is under central command of enterprise-wide event '{central.EventId}', " +
                "which decides its closing; it closes once the event hands it back or closes.");
        }
        if (!model.Allows(from, to))
        {
            var next = model.Transitions.Where(t => t.From == from).Select(t => $"'{t.To}'").ToList();
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is '{from}'; the {model.Name} lifecycle of business unit " +
                $"'{incident.State.BusinessUnitId}' allows {(next.Count == 0 ? "no further transition" : "only " + string.Join(", ", next))} from there.");
        }
        return target;
    }

    /// <summary>The model's own acknowledged state that the current one leads to.</summary>
    public static LifecycleState Acknowledged(IncidentContext incident) => Next(incident, LifecyclePhase.Acknowledged, "an acknowledged");

    /// <summary>The model's own resolved state that the current one leads to; every unresolved state has one.</summary>
    public static LifecycleState Resolved(IncidentContext incident) => Next(incident, LifecyclePhase.Resolved, "a resolved");

    /// <summary>
    /// Applies what entering a state means to the status: acknowledging stops escalation, resolving stops escalation,
    /// clocks and a waiting handover, and reopening by hand works the incident again without paging anyone anew.
    /// Returns the timeline entry's kind, and its event's data.
    /// </summary>
    public static (TimelineEntryKind Kind, IncidentEventData Data) Enter(IncidentState s, LifecycleState target, string from, string actor, DateTimeOffset now)
    {
        s.LifecycleState = target.Name;
        switch (target.Phase)
        {
            case LifecyclePhase.Acknowledged or LifecyclePhase.Mitigated when s.Status == IncidentStatus.Triggered:
                s.Status = IncidentStatus.Acknowledged;
                s.AcknowledgedAt = now;
                s.AcknowledgedBy = actor;
                return (TimelineEntryKind.Acknowledged, new StateMoved(from, target.Name, ByPagedResponder: s.Pages.Exists(p => p.ResponderId == actor)));
            case LifecyclePhase.Acknowledged or LifecyclePhase.Mitigated when s.Status == IncidentStatus.Resolved:
                s.Status = IncidentStatus.Acknowledged;
                s.ResolvedAt = null;
                s.ResolvedBy = null;
                // Resolved before anyone acknowledged it: whoever takes it back into work is the one on it.
                s.AcknowledgedAt ??= now;
                s.AcknowledgedBy ??= actor;
                break;
            case LifecyclePhase.Resolved when s.Status != IncidentStatus.Resolved:
                s.Status = IncidentStatus.Resolved;
                s.ResolvedAt = now;
                s.ResolvedBy = actor;
                s.PendingHandover = null;
                return (TimelineEntryKind.Resolved, new Resolution(from, target.Name, [.. s.Pages.Select(p => p.RotationId).OfType<string>().Distinct()],
                    ResolvedBefore: s.Timeline.Exists(e => e.Kind == TimelineEntryKind.Resolved)));
        }
        return (TimelineEntryKind.StateChanged, new StateMoved(from, target.Name, ByPagedResponder: false));
    }

    public static string Describe(TimelineEntryKind kind, string from, string to) => kind switch
    {
        TimelineEntryKind.Acknowledged => $"Acknowledged ({from} → {to})",
        TimelineEntryKind.Resolved => $"Resolved ({from} → {to})",
        _ => $"Moved ({from} → {to})",
    };

    private static LifecycleState Next(IncidentContext incident, LifecyclePhase phase, string what) =>
        incident.Model.NextIn(incident.CurrentState, phase)
        ?? throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is '{incident.CurrentState}'; the {incident.Model.Name} lifecycle has no transition from there to {what} state.");
}
