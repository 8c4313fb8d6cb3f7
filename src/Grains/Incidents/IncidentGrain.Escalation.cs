using System.Collections.Immutable;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Incidents;

/// <summary>
/// Escalation: every move (start, a commander's escalate or skip) picks a step and arms the escalation
/// deadline for now; the deadline pages the step. A level's time running out pages the next step in
/// the fired deadline's own call. Either way a fired escalation deadline pages, whether the silo survived
/// or not, and a step paged twice carries the same idempotency keys, so nobody is paged twice.
/// </summary>
internal sealed partial class IncidentGrain
{
    public Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default) => IncidentDeadline.Parse(name) switch
    {
        EventsDeadline => OnEventsDeadlineAsync(cancellationToken),
        EscalationDeadline => OnEscalationDeadlineAsync(cancellationToken),
        HandoverDeadline => HandoverUnacceptedAsync(due, cancellationToken),
        DutyDeadline duty => OnDutyDeadlineAsync(duty, due, cancellationToken),
        TemporaryFixDeadline fix => OnTemporaryFixDeadlineAsync(fix, due, cancellationToken),
        VendorDeadline vendor => OnVendorDeadlineAsync(vendor, due, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task OnEscalationDeadlineAsync(CancellationToken cancellationToken)
    {
        var s = _state.State;
        if (!_state.RecordExists || s.Policy is null || s.Step is null || s.Status == IncidentStatus.Resolved)
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (!s.StepPaged)
        {
            await PageStepAsync(now, cancellationToken);
            return;
        }
        // The stored deadline is the truth; a fired one only wakes the incident. Escalation stopped: nothing to do.
        if (s.Status != IncidentStatus.Triggered || s.NextEscalationAt is not { } escalateAt)
        {
            return;
        }
        if (now < escalateAt)
        {
            // Stale: the arming that replaced it may have been lost in a crash after the incident's write. Armed again,
            // so that the shard keeps it rather than dropping it.
            await ArmEscalationAsync(escalateAt, cancellationToken);
            return;
        }
        var decision = EscalationEngine.LevelUnanswered(s.Policy, s.Step);
        Append(now, decision);
        if (decision.Next is not { } next)
        {
            s.EscalationExhausted = true;
            s.NextEscalationAt = null;
            await StoreAsync(cancellationToken);
            return;
        }
        EnterStep(next);
        // Paged in this call rather than through a deadline armed for now, which cost a shard write, an incident write
        // and a fire before the page: the deadline being fired stays in its shard until this call returns, so a crash
        // before the store fires it again and pages the same step with the same keys.
        await PageStepAsync(now, cancellationToken);
    }

    public async Task<IncidentView> EscalateNow(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (policy, step) = RequireEscalation();
        var next = EscalationEngine.ByHand(IncidentId, policy, step);
        var now = clock.GetUtcNow();
        Append(now, action.ResponderId, TimelineEntryKind.Escalated, ResponderActions.WithNote($"Escalated by hand to {EscalationEngine.Describe(next)}", action.Note));
        await MoveToStepAsync(next, now, cancellationToken);
        return View();
    }

    public async Task<IncidentView> SkipToLevel(int level, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (policy, step) = RequireEscalation();
        var next = EscalationPlan.SkipTo(policy, step, level);
        var now = clock.GetUtcNow();
        Append(now, action.ResponderId, TimelineEntryKind.Escalated, ResponderActions.WithNote($"Skipped to {EscalationEngine.Describe(next)}", action.Note));
        await MoveToStepAsync(next, now, cancellationToken);
        return View();
    }

    public async Task<IncidentView> Reassign(string responderId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        Services.AlertValidator.Identifier(violations, "responder_id", responderId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var s = _state.State;
        if (s.Status == IncidentStatus.Resolved)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is resolved; it cannot be reassigned.");
        }
        var now = clock.GetUtcNow();
        var number = s.Reassignments + 1;
        var page = NewPage($"{IncidentId}/reassign{number}", responderId, s.Step ?? EscalationStep.First, $"reassigned by {action.ResponderId}", now);
        var record = await GrainFactory.GetGrain<IResponderGrain>(responderId).Page(page, cancellationToken);
        s.Reassignments = number;
        AddPage(page, rotationId: null, record.Deliveries);
        if (s.Status == IncidentStatus.Acknowledged)
        {
            s.Status = IncidentStatus.Triggered;
            s.AcknowledgedAt = null;
            s.AcknowledgedBy = null;
        }
        Append(now, action.ResponderId, TimelineEntryKind.Reassigned, ResponderActions.WithNote($"Reassigned to {responderId}, who must acknowledge", action.Note));
        if (s.Policy is not null && s.Step is not null)
        {
            // The new assignee gets the current level's time to answer before escalation goes on.
            s.EscalationExhausted = false;
            s.NextEscalationAt = now + s.Policy.Levels[s.Step.Level].AcknowledgeWithin;
            await ArmEscalationAsync(s.NextEscalationAt.Value, cancellationToken);
        }
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<bool> HandOver(Handover handover, CancellationToken cancellationToken = default)
    {
        var s = _state.State;
        if (!_state.RecordExists || s.Status == IncidentStatus.Resolved)
        {
            return false;
        }
        var key = $"{IncidentId}/handover/{handover.RotationId}/{handover.At.UtcTicks}";
        if (s.Pages.Exists(p => p.IdempotencyKey == key))
        {
            await DrainAsync(cancellationToken);
            return true;
        }
        var now = clock.GetUtcNow();
        var window = s.Policy?.HandoverAcknowledgeWithin ?? TimeSpan.FromMinutes(15);
        var page = NewPage(key, handover.IncomingResponderId, s.Step ?? EscalationStep.First, $"handover from {handover.OutgoingResponderId ?? "nobody"}", now);
        var record = await GrainFactory.GetGrain<IResponderGrain>(handover.IncomingResponderId).Page(page, cancellationToken);
        AddPage(page, handover.RotationId, record.Deliveries);
        s.PendingHandover = new PendingHandover(handover.RotationId, handover.IncomingResponderId, now + window);
        Append(now, "rotation:" + handover.RotationId, TimelineEntryKind.HandedOver,
            $"Shift change in {handover.RotationId}{(handover.Region is null ? "" : $" ({handover.Region})")}: handed over from " +
            $"{handover.OutgoingResponderId ?? "nobody"} to {handover.IncomingResponderId}, who must accept within {window}.");
        await ArmAsync(HandoverDeadline.Instance, s.PendingHandover.AcceptBy, cancellationToken);
        await StoreAsync(cancellationToken);
        return true;
    }

    public async Task<IncidentView> AcceptHandover(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        var pending = _state.State.PendingHandover
            ?? throw new IllegalTransitionException($"Incident '{IncidentId}' has no handover waiting to be accepted.");
        if (pending.IncomingResponderId != action.ResponderId)
        {
            throw new IllegalTransitionException($"The handover of incident '{IncidentId}' was made to {pending.IncomingResponderId}; only they can accept it.");
        }
        _state.State.PendingHandover = null;
        Append(clock.GetUtcNow(), action.ResponderId, TimelineEntryKind.HandedOver, ResponderActions.WithNote("Accepted the handover", action.Note));
        DisarmAfterStore(HandoverDeadline.Instance);
        await StoreAsync(cancellationToken);
        return View();
    }

    public Task RecordDelivery(string idempotencyKey, string responderId, DeliveryRecord delivery)
    {
        var pages = _state.State.Pages;
        var index = pages.FindIndex(p => p.IdempotencyKey == idempotencyKey && p.ResponderId == responderId);
        if (index >= 0)
        {
            var deliveries = pages[index].Deliveries.RemoveAll(d => d.Channel == delivery.Channel).Add(delivery);
            pages[index] = pages[index] with { Deliveries = deliveries };
            WriteBehind();
        }
        return Task.CompletedTask;
    }

    /// <summary>The incoming responder did not accept in time: the next level is paged.</summary>
    private async Task HandoverUnacceptedAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var now = clock.GetUtcNow();
        if (s.PendingHandover is not { } pending || pending.AcceptBy != due || now < due || s.Status == IncidentStatus.Resolved)
        {
            return;
        }
        s.PendingHandover = null;
        await EscalateOrStoreAsync(EscalationEngine.HandoverUnaccepted(s.Policy, s.Step, pending.IncomingResponderId), now, cancellationToken);
    }

    /// <summary>Records the engine's decision and moves to its step, or only stores when escalation stops here.</summary>
    private async Task EscalateOrStoreAsync(EscalationDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Append(now, decision);
        if (decision.Next is { } next)
        {
            await MoveToStepAsync(next, now, cancellationToken);
            return;
        }
        await StoreAsync(cancellationToken);
    }

    private async Task StartEscalationAsync(string? policyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (policyId is null)
        {
            return;
        }
        try
        {
            _state.State.Policy = await GrainFactory.GetGrain<IEscalationPolicyGrain>(policyId).Get(cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            // The alert is still taken: an incident nobody is paged for beats a lost one.
            Append(now, "escalation", TimelineEntryKind.EscalationExhausted, $"Escalation policy '{policyId}' does not exist; nobody was paged.");
            logger.LogWarning("Incident {IncidentId} names escalation policy {PolicyId}, which does not exist", IncidentId, policyId);
            return;
        }
        _state.State.Step = EscalationStep.First;
        // Paged in the opening call, before the incident's first write: a crash before that write fails the call, and
        // the alert sent again opens the same incident id (its service stored it first), whose pages carry the same
        // keys, so nobody is paged twice. Paging through a deadline armed for now cost a shard write, a second incident
        // write and a fire per opening.
        await PageCurrentStepAsync(now, cancellationToken);
        await ArmEscalationAsync(_state.State.NextEscalationAt!.Value, cancellationToken);
    }

    /// <summary>A move outside a fired escalation deadline: the deadline armed for now pages the step, even if this silo dies.</summary>
    private async Task MoveToStepAsync(EscalationStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        EnterStep(step);
        await ArmEscalationAsync(now, cancellationToken);
        await StoreAsync(cancellationToken);
    }

    private void EnterStep(EscalationStep step)
    {
        var s = _state.State;
        s.Step = step;
        s.StepPaged = false;
        s.EscalationExhausted = false;
        s.NextEscalationAt = null;
    }

    /// <summary>
    /// Pages every responder of the current step, stores, then arms the deadline for the step's acknowledgement. Only
    /// called on a fired escalation deadline, which its shard keeps until this returns: a crash between the store and
    /// the arming fires it again, and the incident, finding its own deadline still ahead, arms that.
    /// </summary>
    private async Task PageStepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await PageCurrentStepAsync(now, cancellationToken);
        await StoreAsync(cancellationToken);
        await ArmEscalationAsync(_state.State.NextEscalationAt!.Value, cancellationToken);
    }

    /// <summary>Pages every responder of the current step and records it; the caller stores and arms the step's acknowledgement deadline.</summary>
    private async Task PageCurrentStepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var level = s.Policy!.Levels[s.Step!.Level];
        var key = s.Step.IdempotencyKey(IncidentId);
        var recipients = new List<(string ResponderId, string? RotationId)>();
        var unstaffed = new List<string>();
        foreach (var target in level.Targets)
        {
            if (target.Kind == EscalationTargetKind.Responder)
            {
                recipients.Add((target.Id, null));
            }
            else if (await GrainFactory.GetGrain<IOnCallRotationGrain>(target.Id).OnCallAt(now, cancellationToken) is { } shift)
            {
                recipients.Add((shift.ResponderId, target.Id));
            }
            else
            {
                unstaffed.Add(target.Id);
            }
        }
        recipients = recipients.DistinctBy(r => r.ResponderId).ToList();
        var records = await Task.WhenAll(recipients.Select(r =>
            GrainFactory.GetGrain<IResponderGrain>(r.ResponderId).Page(NewPage(key, r.ResponderId, s.Step, $"escalation {EscalationEngine.Describe(s.Step)}", now), cancellationToken)));
        for (var i = 0; i < recipients.Count; i++)
        {
            AddPage(records[i].Page, recipients[i].RotationId, records[i].Deliveries);
        }
        var who = recipients.Count == 0 ? "nobody" : string.Join(", ", recipients.Select(r => r.RotationId is null ? r.ResponderId : $"{r.ResponderId} (on call in {r.RotationId})"));
        var gaps = unstaffed.Count == 0 ? "" : $"; nobody on call in {string.Join(", ", unstaffed)}";
        Append(now, "escalation", TimelineEntryKind.Paged, $"Paged {EscalationEngine.Describe(s.Step)}: {who}{gaps}.");
        s.StepPaged = true;
        s.NextEscalationAt = now + level.AcknowledgeWithin;
        logger.LogInformation("Paged {IncidentId} level {Level} round {Round}: {Recipients}", IncidentId, s.Step.Level + 1, s.Step.Round + 1, who);
    }

    private Task ArmEscalationAsync(DateTimeOffset due, CancellationToken cancellationToken) => ArmAsync(EscalationDeadline.Instance, due, cancellationToken);

    private Task ArmAsync(IncidentDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken) =>
        _deadlines.ArmAsync(deadline.Name, due, cancellationToken);

    private void DisarmAfterStore(IncidentDeadline deadline) => _deadlines.DisarmAfterStore(deadline.Name);

    private async Task StopEscalationAsync(CancellationToken cancellationToken)
    {
        if (_state.State.NextEscalationAt is null && _state.State.StepPaged)
        {
            return;
        }
        _state.State.NextEscalationAt = null;
        _state.State.StepPaged = true;
        DisarmAfterStore(EscalationDeadline.Instance);
    }

    private (EscalationPolicyDefinition Policy, EscalationStep Step) RequireEscalation()
    {
        EnsureExists();
        var s = _state.State;
        if (s.Status == IncidentStatus.Resolved)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is resolved; it cannot be escalated.");
        }
        if (s.Policy is null || s.Step is null)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' has no escalation policy; reassign it to page someone.");
        }
        return (s.Policy, s.Step);
    }

    private Page NewPage(string key, string responderId, EscalationStep step, string reason, DateTimeOffset now) =>
        new(key, IncidentId, responderId, _state.State.Title, _state.State.Severity, step.Level + 1, step.Round + 1, reason, now);

    /// <summary>Recorded, and carried by the event of the timeline entry appended next, which says why it was sent.</summary>
    private void AddPage(Page page, string? rotationId, ImmutableArray<DeliveryRecord> deliveries)
    {
        var pages = _state.State.Pages;
        if (!pages.Exists(p => p.IdempotencyKey == page.IdempotencyKey && p.ResponderId == page.ResponderId))
        {
            var record = new PageRecord(page.IdempotencyKey, page.ResponderId, page.Level, page.Round, rotationId, page.PagedAt, deliveries);
            pages.Add(record);
            _pagesSent.Add(record);
        }
    }

    private EscalationView? EscalationView()
    {
        var s = _state.State;
        return s.Policy is null
            ? null
            : new EscalationView(s.Policy.Id, s.Step is null ? 0 : s.Step.Level + 1,
                (s.Step?.Round ?? 0) + 1, s.NextEscalationAt, s.EscalationExhausted);
    }
}
