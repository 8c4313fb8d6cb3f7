using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Services;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Incidents;

/// <summary>
/// The grain calls of an incident's escalation: reading its policy, paging a step's responders (through their
/// rotations), a reassignment and a shift's handover. Each records into the incident; the grain stores.
/// </summary>
internal static class EscalationPaging
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

    public static void ValidateReassignment(string responderId) =>
        IncidentInput.Check(v => AlertValidator.Identifier(v, "responder_id", responderId, required: true));

    /// <summary>
    /// Pages the new assignee, who must acknowledge: an acknowledged incident is triggered again, and the assignee gets
    /// the current level's time to answer before escalation goes on.
    /// </summary>
    public static async Task ReassignAsync(IncidentContext incident, string responderId, ResponderAction action, CancellationToken cancellationToken)
    {
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
    }

    /// <summary>Pages the incoming responder, who must accept within the policy's handover time (15 minutes without a policy).</summary>
    public static async Task HandOverAsync(IncidentContext incident, Handover handover, string key, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var now = incident.Now;
        var window = s.Policy?.HandoverAcknowledgeWithin ?? TimeSpan.FromMinutes(15);
        var page = NewPage(incident, key, handover.IncomingResponderId, s.Step ?? EscalationStep.First, $"handover from {handover.OutgoingResponderId ?? "nobody"}", now);
        var record = await incident.Grains.GetGrain<IResponderGrain>(handover.IncomingResponderId).Page(page, cancellationToken);
        incident.AddPage(page, handover.RotationId, record.Deliveries);
        s.PendingHandover = new PendingHandover(handover.RotationId, handover.IncomingResponderId, now + window);
        incident.Append(now, "rotation:" + handover.RotationId, TimelineEntryKind.HandedOver,
            $"Shift change in {handover.RotationId}{(handover.Region is null ? "" : $" ({handover.Region})")}: handed over from " +
            $"{handover.OutgoingResponderId ?? "nobody"} to {handover.IncomingResponderId}, who must accept within {window}.");
        await incident.ArmAsync(HandoverDeadline.Instance, s.PendingHandover.AcceptBy, cancellationToken);
    }

    private static Page NewPage(IncidentContext incident, string key, string responderId, EscalationStep step, string reason, DateTimeOffset now) =>
        new(key, incident.IncidentId, responderId, incident.State.Title, incident.State.Severity, step.Level + 1, step.Round + 1, reason, now);
}
