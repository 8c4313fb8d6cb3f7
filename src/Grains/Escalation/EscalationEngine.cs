using IncidentActors.Errors;
using IncidentActors.Incidents;

namespace IncidentActors.Escalation;

/// <summary>
/// The one place that decides, when nobody answered, whether escalation goes on and to which step: a level's time ran
/// out, a duty's clock was missed after its reminder, a shift's handover was not accepted, or a commander escalates by
/// hand. Each decision carries the timeline entry that says why, so that every path explains itself the same way.
/// </summary>
public static class EscalationEngine
{
    /// <summary>The current level was not acknowledged in its time: the next step, or exhausted after the last round.</summary>
    public static EscalationDecision LevelUnanswered(EscalationPolicyDefinition policy, EscalationStep step) =>
        EscalationPlan.After(policy, step) is { } next
            ? new(next, "escalation", TimelineEntryKind.Escalated,
                $"Not acknowledged within {policy.Levels[step.Level].AcknowledgeWithin}: escalating to {Describe(next)}.")
            : new(null, "escalation", TimelineEntryKind.EscalationExhausted,
                $"Nobody acknowledged after {policy.Repeats + 1} round(s) of policy '{policy.Id}'; escalation stopped.");

    /// <summary>A duty's time limit was missed again after its reminder (<paramref name="missed"/> says which).</summary>
    public static EscalationDecision DutyMissedAgain(EscalationPolicyDefinition? policy, EscalationStep? step, string missed) =>
        Next(policy, step) is { } next
            ? new(next, "clock", TimelineEntryKind.TimeLimitMissed, $"{missed}, missed again after a reminder: escalating to {Describe(next)}.")
            : new(null, "clock", TimelineEntryKind.TimeLimitMissed, $"{missed}, missed again after a reminder; there is no further escalation level.");

    /// <summary>The incoming responder of a shift change did not accept it in time.</summary>
    public static EscalationDecision HandoverUnaccepted(EscalationPolicyDefinition? policy, EscalationStep? step, string incomingResponderId) =>
        Next(policy, step) is { } next
            ? new(next, "escalation", TimelineEntryKind.Escalated,
                $"{incomingResponderId} did not accept the handover in time: escalating to {Describe(next)}.")
            : new(null, "escalation", TimelineEntryKind.Escalated,
                $"{incomingResponderId} did not accept the handover in time, and there is no further level to page.");

    /// <summary>A commander's escalation: the next step, refused at the last level of the last round.</summary>
    public static EscalationStep ByHand(string incidentId, EscalationPolicyDefinition policy, EscalationStep step) =>
        EscalationPlan.After(policy, step)
        ?? throw new IllegalTransitionException($"Incident '{incidentId}' is at the last level of the last round of policy '{policy.Id}'; there is no level to escalate to.");

    /// <summary>A step as people count it, from one.</summary>
    public static string Describe(EscalationStep step) => $"level {step.Level + 1} (round {step.Round + 1})";

    private static EscalationStep? Next(EscalationPolicyDefinition? policy, EscalationStep? step) =>
        policy is null || step is null ? null : EscalationPlan.After(policy, step);
}

/// <summary>The step escalation moves to (null: it stops here) and the timeline entry that records why.</summary>
public sealed record EscalationDecision(EscalationStep? Next, string Actor, TimelineEntryKind Kind, string Message);
