using IncidentActors.Reviews;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>
/// Moves through the unit's lifecycle model, with what entering a state means beyond it: acknowledging stops
/// escalation; resolving stops escalation and the duty clocks and freezes changes to a major incident's service.
/// </summary>
internal static class LifecycleTransitions
{
    public static async Task<bool> AcknowledgeAsync(IncidentContext incident, ResponderAction action, TimeSpan freezeAfterMajor, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        if (!IncidentLifecycle.Acknowledge(incident.IncidentId, incident.State.Status))
        {
            return false;
        }
        await EnterAsync(incident, LifecycleRules.Acknowledged(incident), action, freezeAfterMajor, cancellationToken);
        return true;
    }

    public static async Task<bool> ResolveAsync(IncidentContext incident, ResponderAction action, TimeSpan freezeAfterMajor, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        if (!IncidentLifecycle.Resolve(incident.State.Status))
        {
            return false;
        }
        await EnterAsync(incident, LifecycleRules.Resolved(incident), action, freezeAfterMajor, cancellationToken);
        return true;
    }

    /// <summary>A move by hand; into a closed state only once the closing rules are met and, where it needs one, the review is published.</summary>
    /// <param name="reviewGate">What the incident's review says of closing, asked only for a closed state.</param>
    public static async Task<bool> TransitionAsync(IncidentContext incident, string to, ResponderAction action, TimeSpan freezeAfterMajor,
        Func<CancellationToken, Task<ReviewGate>> reviewGate, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        if (LifecycleRules.Target(incident, to) is not { } target)
        {
            return false;
        }
        if (target.Phase == LifecyclePhase.Closed)
        {
            await ClosingRules.EnsureMayCloseAsync(incident, cancellationToken);
            ReviewNotes.EnsureMayEnter(incident, target, await reviewGate(cancellationToken));
        }
        await EnterAsync(incident, target, action, freezeAfterMajor, cancellationToken);
        return true;
    }

    private static async Task EnterAsync(IncidentContext incident, LifecycleState target, ResponderAction action, TimeSpan freezeAfterMajor,
        CancellationToken cancellationToken)
    {
        var now = incident.Now;
        var from = incident.CurrentState;
        MilestoneRules.Enter(incident.State, target.Phase, now);
        var (kind, data) = LifecycleRules.Enter(incident.State, target, from, action.ResponderId, now);
        if (kind is TimelineEntryKind.Acknowledged or TimelineEntryKind.Resolved)
        {
            IncidentEscalation.Stop(incident);
        }
        if (kind == TimelineEntryKind.Resolved)
        {
            await DutyClocks.SetAsync(incident, now, cancellationToken);
        }
        incident.Append(now, action.ResponderId, kind, ResponderActions.WithNote(LifecycleRules.Describe(kind, from, target.Name), action.Note), data);
        if (kind == TimelineEntryKind.Resolved)
        {
            await MajorIncidents.FreezeChangesAsync(incident, freezeAfterMajor, now, cancellationToken);
        }
    }
}
