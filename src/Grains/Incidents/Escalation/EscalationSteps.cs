using IncidentActors.Errors;
using IncidentActors.Escalation;

namespace IncidentActors.Incidents;

/// <summary>What a fired escalation deadline does.</summary>
internal enum EscalationWake
{
    /// <summary>Escalation stopped, or there is none: nothing to do.</summary>
    Ignore,

    /// <summary>A step was chosen and not paged yet: page it.</summary>
    PageStep,

    /// <summary>Fired before the stored due time: arm that again, since the arming that replaced this one may have been lost.</summary>
    Rearm,

    /// <summary>The current level went unanswered: ask the escalation engine where to go.</summary>
    Escalate,
}

/// <summary>
/// An incident's position in its escalation policy: every move (start, a commander's escalate or skip, an escalation
/// the engine decided) picks a step and arms the escalation deadline for now; the deadline pages the step. A step paged
/// twice carries the same idempotency keys, so nobody is paged twice.
/// </summary>
internal static class EscalationSteps
{
    /// <summary>The stored deadline is the truth; a fired one only wakes the incident.</summary>
    public static EscalationWake OnFire(IncidentState s, bool exists, DateTimeOffset now)
    {
        if (!exists || s.Policy is null || s.Step is null || s.Status == IncidentStatus.Resolved)
        {
            return EscalationWake.Ignore;
        }
        if (!s.StepPaged)
        {
            return EscalationWake.PageStep;
        }
        if (s.Status != IncidentStatus.Triggered || s.NextEscalationAt is not { } escalateAt)
        {
            return EscalationWake.Ignore;
        }
        return now < escalateAt ? EscalationWake.Rearm : EscalationWake.Escalate;
    }

    /// <summary>A step chosen and not yet paged.</summary>
    public static void Enter(IncidentState s, EscalationStep step)
    {
        s.Step = step;
        s.StepPaged = false;
        s.EscalationExhausted = false;
        s.NextEscalationAt = null;
    }

    /// <summary>Nobody answered the last level of the last round: nothing more is paged.</summary>
    public static void Exhaust(IncidentState s)
    {
        s.EscalationExhausted = true;
        s.NextEscalationAt = null;
    }

    /// <summary>Stopped by an acknowledgement or a resolve; false when it was stopped already.</summary>
    public static bool Stop(IncidentState s)
    {
        if (s.NextEscalationAt is null && s.StepPaged)
        {
            return false;
        }
        s.NextEscalationAt = null;
        s.StepPaged = true;
        return true;
    }

    /// <summary>The policy and step a commander's escalate or skip moves from; refused when resolved or without a policy.</summary>
    public static (EscalationPolicyDefinition Policy, EscalationStep Step) Require(string incidentId, IncidentState s)
    {
        if (s.Status == IncidentStatus.Resolved)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' is resolved; it cannot be escalated.");
        }
        if (s.Policy is null || s.Step is null)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' has no escalation policy; reassign it to page someone.");
        }
        return (s.Policy, s.Step);
    }
}
