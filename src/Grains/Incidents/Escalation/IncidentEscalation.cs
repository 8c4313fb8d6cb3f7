using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Services;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Incidents;

/// <summary>
/// An incident's escalation: reading its policy, paging a step's responders (through their rotations), the moves a
/// commander or the <see cref="EscalationEngine"/> makes, reassignments and shift handovers. Every move picks a step and
/// arms the escalation deadline for now; the deadline pages the step, whether this silo survives or not, and a step
/// paged twice carries the same idempotency keys, so nobody is paged twice. Each records into the incident; the grain stores.
/// </summary>
internal static class IncidentEscalation
{
    /// <summary>
    /// Pages the first step in the opening call, before the incident's first write: a crash before that write fails the
    /// call, and the alert sent again opens the same incident id (its service stored it first), whose pages carry the
    /// same keys, so nobody is paged twice. Paging through a deadline armed for now cost a shard write, a second incident
    /// write and a fire per opening.
    /// </summary>
    public static async Task StartAsync(IncidentContext incident, string? policyId, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        if (policyId is null)
        {
            return;
        }
        try
        {
            incident.State.Policy = await incident.Grains.GetGrain<IEscalationPolicyGrain>(policyId).Get(cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // The alert is still taken: an incident nobody is paged for beats a lost one.
            incident.Append(now, "escalation", TimelineEntryKind.EscalationExhausted, $"Escalation policy '{policyId}' does not exist; nobody was paged.");
            logger.LogWarning("Incident {IncidentId} names escalation policy {PolicyId}, which does not exist", incident.IncidentId, policyId);
            return;
        }
        incident.State.Step = EscalationStep.First;
        await PageCurrentStepAsync(incident, now, logger, cancellationToken);
        await ArmAsync(incident, incident.State.NextEscalationAt!.Value, cancellationToken);
    }

    /// <summary>Pages every responder of the current step and records it; the caller stores and arms the step's acknowledgement deadline.</summary>
    public static async Task PageCurrentStepAsync(IncidentContext incident, DateTimeOffset now, ILogger logger, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var level = s.Policy!.Levels[s.Step!.Level];
        var key = s.Step.IdempotencyKey(incident.IncidentId);
        var recipients = new List<(string ResponderId, string? RotationId)>();
        var unstaffed = new List<string>();
        foreach (var target in level.Targets)
        {
            if (target.Kind == EscalationTargetKind.Responder)
            {
                recipients.Add((target.Id, null));
            }
            else if (await incident.Grains.GetGrain<IOnCallRotationGrain>(target.Id).OnCallAt(now, cancellationToken) is { } shift)
            {
                recipients.Add((shift.ResponderId, target.Id));
            }
            else
            {
                unstaffed.Add(target.Id);
            }
        }
        recipients = recipients.DistinctBy(r => r.ResponderId).ToList();
        var step = EscalationEngine.Describe(s.Step);
        var records = await Task.WhenAll(recipients.Select(r => incident.Grains.GetGrain<IResponderGrain>(r.ResponderId)
            .Page(NewPage(incident, key, r.ResponderId, s.Step, $"escalation {step}", now), cancellationToken)));
        for (var i = 0; i < recipients.Count; i++)
        {
            incident.AddPage(records[i].Page, recipients[i].RotationId, records[i].Deliveries);
        }
        var who = recipients.Count == 0 ? "nobody" : string.Join(", ", recipients.Select(r => r.RotationId is null ? r.ResponderId : $"{r.ResponderId} (on call in {r.RotationId})"));
        var gaps = unstaffed.Count == 0 ? "" : $"; nobody on call in {string.Join(", ", unstaffed)}";
        incident.Append(now, "escalation", TimelineEntryKind.Paged, $"Paged {step}: {who}{gaps}.");
        s.StepPaged = true;
        s.NextEscalationAt = now + level.AcknowledgeWithin;
        logger.LogInformation("Paged {IncidentId} level {Level} round {Round}: {Recipients}", incident.IncidentId, s.Step.Level + 1, s.Step.Round + 1, who);
    }

    public static Task ArmAsync(IncidentContext incident, DateTimeOffset due, CancellationToken cancellationToken) =>
        incident.ArmAsync(EscalationDeadline.Instance, due, cancellationToken);

    /// <summary>Records the engine's decision and moves to its step; true either way, as the entry is a change.</summary>
    public static async Task<bool> ApplyAsync(IncidentContext incident, EscalationDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        incident.Append(now, decision);
        if (decision.Next is { } next)
        {
            await MoveToStepAsync(incident, next, now, cancellationToken);
        }
        return true;
    }

    /// <summary>A move outside a fired escalation deadline: the deadline armed for now pages the step, even if this silo dies.</summary>
    public static Task MoveToStepAsync(IncidentContext incident, EscalationStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        EscalationSteps.Enter(incident.State, step);
        return ArmAsync(incident, now, cancellationToken);
    }

    /// <summary>A commander's escalation to the next step.</summary>
    public static async Task<bool> EscalateByHandAsync(IncidentContext incident, ResponderAction action, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        var (policy, step) = EscalationSteps.Require(incident.IncidentId, incident.State);
        var next = EscalationEngine.ByHand(incident.IncidentId, policy, step);
        var now = incident.Now;
        incident.Append(now, action.ResponderId, TimelineEntryKind.Escalated, ResponderActions.WithNote($"Escalated by hand to {EscalationEngine.Describe(next)}", action.Note));
        await MoveToStepAsync(incident, next, now, cancellationToken);
        return true;
    }

    /// <summary>A commander's jump to a level of the current round.</summary>
    public static async Task<bool> SkipToLevelAsync(IncidentContext incident, int level, ResponderAction action, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        var (policy, step) = EscalationSteps.Require(incident.IncidentId, incident.State);
        var next = EscalationPlan.SkipTo(policy, step, level);
        var now = incident.Now;
        incident.Append(now, action.ResponderId, TimelineEntryKind.Escalated, ResponderActions.WithNote($"Skipped to {EscalationEngine.Describe(next)}", action.Note));
        await MoveToStepAsync(incident, next, now, cancellationToken);
        return true;
    }

    /// <summary>Stopped by an acknowledgement or a resolve; its deadline is disarmed once that is stored.</summary>
    public static void Stop(IncidentContext incident)
    {
        if (EscalationSteps.Stop(incident.State))
        {
            incident.DisarmAfterStore(EscalationDeadline.Instance);
        }
    }

    /// <summary>
    /// Pages the new assignee, who must acknowledge: an acknowledged incident is triggered again, and the assignee gets
    /// the current level's time to answer before escalation goes on.
    /// </summary>
    public static async Task<bool> ReassignAsync(IncidentContext incident, string responderId, ResponderAction action, CancellationToken cancellationToken)
    {
        IncidentInput.Check(v => AlertValidator.Identifier(v, "responder_id", responderId, required: true));
        incident.EnsureExists();
        var s = incident.State;
        if (s.Status == IncidentStatus.Resolved)
        {
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is resolved; it cannot be reassigned.");
        }
        var now = incident.Now;
        var number = s.Reassignments + 1;
        var page = NewPage(incident, $"{incident.IncidentId}/reassign{number}", responderId, s.Step ?? EscalationStep.First, $"reassigned by {action.ResponderId}", now);
        var record = await incident.Grains.GetGrain<IResponderGrain>(responderId).Page(page, cancellationToken);
        s.Reassignments = number;
        incident.AddPage(page, rotationId: null, record.Deliveries);
        if (s.Status == IncidentStatus.Acknowledged)
        {
            s.Status = IncidentStatus.Triggered;
            s.AcknowledgedAt = null;
            s.AcknowledgedBy = null;
        }
        incident.Append(now, action.ResponderId, TimelineEntryKind.Reassigned, ResponderActions.WithNote($"Reassigned to {responderId}, who must acknowledge", action.Note));
        if (s.Policy is not null && s.Step is not null)
        {
            s.EscalationExhausted = false;
            s.NextEscalationAt = now + s.Policy.Levels[s.Step.Level].AcknowledgeWithin;
            await ArmAsync(incident, s.NextEscalationAt.Value, cancellationToken);
        }
        return true;
    }

    /// <summary>Pages the incoming responder, who must accept within the policy's handover time (15 minutes without a policy).</summary>
    public static async Task HandOverAsync(IncidentContext incident, Handover handover, string key, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var now = incident.Now;
        var window = s.Policy?.HandoverAcknowledgeWithin ?? EscalationPolicyDefinition.DefaultHandoverAcknowledgeWithin;
        var page = NewPage(incident, key, handover.IncomingResponderId, s.Step ?? EscalationStep.First, $"handover from {handover.OutgoingResponderId ?? "nobody"}", now);
        var record = await incident.Grains.GetGrain<IResponderGrain>(handover.IncomingResponderId).Page(page, cancellationToken);
        incident.AddPage(page, handover.RotationId, record.Deliveries);
        s.PendingHandover = new PendingHandover(handover.RotationId, handover.IncomingResponderId, now + window);
        incident.Append(now, "rotation:" + handover.RotationId, TimelineEntryKind.HandedOver,
            $"Shift change in {handover.RotationId}{(handover.Region is null ? "" : $" ({handover.Region})")}: handed over from " +
            $"{handover.OutgoingResponderId ?? "nobody"} to {handover.IncomingResponderId}, who must accept within {window}.");
        await incident.ArmAsync(HandoverDeadline.Instance, s.PendingHandover.AcceptBy, cancellationToken);
        await CommandHandovers.ProposeAsync(incident, handover, window, cancellationToken);
    }

    /// <summary>The incoming responder accepts the waiting handover.</summary>
    public static bool AcceptHandover(IncidentContext incident, ResponderAction action)
    {
        incident.EnsureExists();
        Handovers.EnsureMayAccept(incident.IncidentId, incident.State.PendingHandover, action.ResponderId);
        incident.State.PendingHandover = null;
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.HandedOver, ResponderActions.WithNote("Accepted the handover", action.Note));
        incident.DisarmAfterStore(HandoverDeadline.Instance);
        return true;
    }

    /// <summary>The incoming responder did not accept in time: the engine decides whether the next level is paged.</summary>
    public static async Task<bool> OnHandoverDeadlineAsync(IncidentContext incident, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var now = incident.Now;
        if (Handovers.Unaccepted(s, due, now) is not { } pending)
        {
            return false;
        }
        s.PendingHandover = null;
        return await ApplyAsync(incident, EscalationEngine.HandoverUnaccepted(s.Policy, s.Step, pending.IncomingResponderId), now, cancellationToken);
    }

    private static Page NewPage(IncidentContext incident, string key, string responderId, EscalationStep step, string reason, DateTimeOffset now) =>
        new(key, incident.IncidentId, responderId, incident.State.Title, incident.State.Severity, step.Level + 1, step.Round + 1, reason, now);
}
