using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Incidents.Events;
using IncidentActors.OnCall;
using IncidentActors.Placement;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Storage;
using IncidentActors.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace IncidentActors.Incidents;

/// <summary>
/// An incident. The grain only orchestrates: each command is checked and decided by the plain classes in the concept
/// folders beside it (Lifecycle/, Roles/, Escalation/, Major/, Closing/, Command/, Links/, TemporaryFixes/, Vendors/,
/// Impact/, Regulatory/), then stored here through the one <see cref="StoreAsync"/>, then answered. Those classes are
/// static and work on the <see cref="IncidentContext"/> they are handed: they keep nothing between calls, so all a
/// command changes lives in that one context, which the grain stores or forgets as a whole. Where escalation goes
/// when nobody answers is decided by <see cref="EscalationEngine"/> alone.
/// Its state is read when the first call arrives rather than on activation: <see cref="Create"/>, called by the
/// service that has just assigned the id, starts without a read, so that opening an incident costs one storage write.
/// A command decides in memory, stores once, and only then disarms deadlines and delivers its events; a write that
/// fails forgets the command's changes, so that its retry decides again from what is stored.
/// </summary>
[HomeRegionPlacement, Immovable]
internal sealed class IncidentGrain(
    [FromKeyedServices(StorageNames.Incidents)] IGrainStorage storage,
    IGrainContext context,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<IncidentOptions> options,
    HomeRegions homes,
    IncidentEventPublisher events,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IIncomingGrainCallFilter
{
    private readonly IncidentContext _incident = new(context.GrainId, storage, grains, clock);
    private IGrainTimer? _writeBehind;

    // When the armed events deadline falls due; null when none is known to be armed.
    private DateTimeOffset? _redeliveryDue;

    // The outbox was emptied in memory since the last write, which still holds the delivered events.
    private bool _outboxStale;

    private string IncidentId => _incident.IncidentId;

    private IncidentState State => _incident.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => homes.MoveHomeIfAwayAsync(this);

    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (call.ImplementationMethod.Name == nameof(Create))
        {
            _incident.StartNew();
        }
        else
        {
            await _incident.LoadAsync(CancellationToken.None);
            if (State.Outbox.Count > 0 && call.ImplementationMethod.Name != nameof(OnDeadline))
            {
                // Stored by a silo that died before delivering them; the events deadline would deliver them too, later.
                await TryDrainAsync(CancellationToken.None);
            }
        }
        try
        {
            await call.Invoke();
        }
        catch (InconsistentStateException)
        {
            // Stored by someone else meanwhile (or not new after all): the next activation reads what is stored.
            DeactivateOnIdle();
            throw;
        }
        catch when (_incident.HasUnstoredEntries)
        {
            // Refused after deciding part of a change (a page or policy lookup failed): none of it is kept.
            Forget();
            throw;
        }
    }

    // Opening and alerts

    public async Task<TriggerResult> Create(AlertEvent alert, ServiceDefinition service, IncidentOpening opening, CancellationToken cancellationToken = default)
    {
        if (_incident.Exists)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' exists already; an incident is created once.");
        }
        await OpenAsync(alert, service, opening, cancellationToken);
        return new TriggerResult(Accepted: true, Opened: true, State.Status, State.AlertCount);
    }

    public async Task<TriggerResult> Trigger(AlertEvent alert, ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        var s = State;
        if (!_incident.Exists)
        {
            // Created by this trigger rather than by Create: its service failed between storing the id and creating it.
            await OpenAsync(alert, service, await IncidentOpenings.FetchAsync(GrainFactory, service.BusinessUnitId, 1, cancellationToken), cancellationToken);
            return new TriggerResult(Accepted: true, Opened: true, s.Status, s.AlertCount);
        }
        if (!IncidentLifecycle.AcceptsTriggers(s.Status))
        {
            return new TriggerResult(Accepted: false, Opened: false, s.Status, s.AlertCount);
        }
        s.AlertCount++;
        s.LastAlertAt = _incident.Now;
        WriteBehind();
        return new TriggerResult(Accepted: true, Opened: false, s.Status, s.AlertCount);
    }

    public async Task<TriggerResult> AttachSymptom(AlertEvent alert, int count = 1, CancellationToken cancellationToken = default)
    {
        var s = State;
        if (!_incident.Exists || !IncidentLifecycle.AcceptsTriggers(s.Status))
        {
            return new TriggerResult(Accepted: false, Opened: false, s.Status, 0);
        }
        var (first, total) = OpeningRules.AttachSymptom(_incident, alert, count, _incident.Now);
        if (first)
        {
            await StoreAsync(cancellationToken);
        }
        else
        {
            WriteBehind();
        }
        return new TriggerResult(Accepted: true, Opened: false, s.Status, total);
    }

    public Task<IncidentStatus?> GetStatus(CancellationToken cancellationToken = default) =>
        Task.FromResult(_incident.Exists ? State.Status : (IncidentStatus?)null);

    public Task<IncidentView> Get(CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        return Task.FromResult(View());
    }

    public Task<IncidentSummary> Summarize(CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        return Task.FromResult(_incident.Summary());
    }

    private async Task OpenAsync(AlertEvent alert, ServiceDefinition service, IncidentOpening opening, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        OpeningRules.Open(_incident, alert, service, opening.Unit, now);
        State.IndexPage = opening.IndexPage;
        OpeningRules.Classify(_incident, alert, service, opening.Unit, opening.Rules, now);
        await EscalationPaging.StartAsync(_incident, service.EscalationPolicyId, now, logger, cancellationToken);
        await DutyClocks.SetAsync(_incident, now, cancellationToken);
        await StoreAsync(cancellationToken);
        logger.LogInformation("Opened {IncidentId} on {ServiceId} for dedup key {DedupKey}", IncidentId, service.Id, State.DedupKey);
    }

    // Lifecycle: the unit's model, impact and regulatory tags

    public async Task<IncidentView> Acknowledge(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        if (IncidentLifecycle.Acknowledge(IncidentId, State.Status))
        {
            await EnterAsync(LifecycleRules.Acknowledged(_incident), action, cancellationToken);
        }
        return View();
    }

    public async Task<IncidentView> Resolve(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        if (IncidentLifecycle.Resolve(State.Status))
        {
            await EnterAsync(LifecycleRules.Resolved(_incident), action, cancellationToken);
        }
        return View();
    }

    public async Task<IncidentView> Transition(string to, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        if (LifecycleRules.Target(_incident, to) is { } target)
        {
            if (target.Phase == LifecyclePhase.Closed)
            {
                await ClosingRules.EnsureMayCloseAsync(_incident, cancellationToken);
            }
            await EnterAsync(target, action, cancellationToken);
        }
        return View();
    }

    public async Task<IncidentView> AssessImpact(BusinessImpact impact, Urgency urgency, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        ImpactAssessments.Validate(impact, urgency);
        _incident.EnsureExists();
        ImpactAssessments.EnsureLocal(IncidentId, State);
        var unit = await BusinessUnitPolicyAsync(cancellationToken);
        var now = _incident.Now;
        var severity = ImpactAssessments.Assess(State, unit, impact, urgency, action.ResponderId, action.Note, now).Severity;
        // Assessed: that clock stops, and the new severity's limits apply from opening.
        await DutyClocks.SetAsync(_incident, now, cancellationToken);
        _incident.Append(now, action.ResponderId, TimelineEntryKind.ImpactAssessed, ResponderActions.WithNote(
            $"Assessed impact {impact}, urgency {urgency}: {ImpactAssessments.SeverityName(severity)} by the severity matrix of business unit '{unit.Id}'", action.Note));
        if (MajorIncidents.DeclaredByAssessment(State, severity))
        {
            await MajorIncidents.ActivateAsync(_incident, unit, MajorIncidentCriterion.Sev1, null, action.ResponderId, null, now, cancellationToken);
        }
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> TagRegulatory(ImmutableArray<string> tags, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        RegulatoryTags.Validate(tags);
        _incident.EnsureExists();
        var known = RegulatoryTags.Known(await BusinessUnitPolicyAsync(cancellationToken), tags);
        if (await RegulatoryTags.TagAsync(_incident, known, tags, action, cancellationToken))
        {
            await StoreAsync(cancellationToken);
        }
        return View();
    }

    /// <summary>Enters the model's state, with what that means for escalation, clocks and a major incident's service.</summary>
    private async Task EnterAsync(LifecycleState target, ResponderAction action, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        var from = _incident.CurrentState;
        var (kind, data) = LifecycleRules.Enter(State, target, from, action.ResponderId, now);
        if (kind is TimelineEntryKind.Acknowledged or TimelineEntryKind.Resolved)
        {
            StopEscalation();
        }
        if (kind == TimelineEntryKind.Resolved)
        {
            await DutyClocks.SetAsync(_incident, now, cancellationToken);
        }
        _incident.Append(now, action.ResponderId, kind, ResponderActions.WithNote(LifecycleRules.Describe(kind, from, target.Name), action.Note), data);
        if (kind == TimelineEntryKind.Resolved)
        {
            await MajorIncidents.FreezeChangesAsync(_incident, options.Value.ChangeFreezeAfterMajor, now, cancellationToken);
        }
        await StoreAsync(cancellationToken);
    }

    private Task<BusinessUnitDefinition> BusinessUnitPolicyAsync(CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IBusinessUnitGrain>(State.BusinessUnitId).GetPolicy(cancellationToken);

    // Deadlines

    public Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default) => IncidentDeadline.Parse(name) switch
    {
        EventsDeadline => OnEventsDeadlineAsync(cancellationToken),
        EscalationDeadline => OnEscalationDeadlineAsync(cancellationToken),
        HandoverDeadline => OnHandoverDeadlineAsync(due, cancellationToken),
        DutyDeadline duty => OnDutyDeadlineAsync(duty, due, cancellationToken),
        TemporaryFixDeadline fix => OnTemporaryFixDeadlineAsync(fix, due, cancellationToken),
        VendorDeadline vendor => OnVendorDeadlineAsync(vendor, due, cancellationToken),
        _ => Task.CompletedTask,
    };

    // Escalation

    /// <summary>
    /// Every move (start, a commander's escalate or skip, the engine's decision) picks a step and arms the escalation
    /// deadline for now; the deadline pages the step, whether the silo survived or not. A level's time running out pages
    /// the next step in the fired deadline's own call.
    /// </summary>
    private async Task OnEscalationDeadlineAsync(CancellationToken cancellationToken)
    {
        var s = State;
        var now = _incident.Now;
        switch (EscalationSteps.OnFire(s, _incident.Exists, now))
        {
            case EscalationWake.PageStep:
                await PageStepAsync(now, cancellationToken);
                break;
            case EscalationWake.Rearm:
                // The arming that replaced it may have been lost in a crash after the incident's write. Armed again, so
                // that the shard keeps it rather than dropping it.
                await EscalationPaging.ArmAsync(_incident, s.NextEscalationAt!.Value, cancellationToken);
                break;
            case EscalationWake.Escalate:
                var decision = EscalationEngine.LevelUnanswered(s.Policy!, s.Step!);
                _incident.Append(now, decision);
                if (decision.Next is not { } next)
                {
                    EscalationSteps.Exhaust(s);
                    await StoreAsync(cancellationToken);
                    break;
                }
                EscalationSteps.Enter(s, next);
                // Paged in this call rather than through a deadline armed for now, which cost a shard write, an incident
                // write and a fire before the page: the deadline being fired stays in its shard until this call returns,
                // so a crash before the store fires it again and pages the same step with the same keys.
                await PageStepAsync(now, cancellationToken);
                break;
        }
    }

    public async Task<IncidentView> EscalateNow(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        var (policy, step) = EscalationSteps.Require(IncidentId, State);
        var next = EscalationEngine.ByHand(IncidentId, policy, step);
        var now = _incident.Now;
        _incident.Append(now, action.ResponderId, TimelineEntryKind.Escalated, ResponderActions.WithNote($"Escalated by hand to {EscalationEngine.Describe(next)}", action.Note));
        await MoveToStepAsync(next, now, cancellationToken);
        return View();
    }

    public async Task<IncidentView> SkipToLevel(int level, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        var (policy, step) = EscalationSteps.Require(IncidentId, State);
        var next = EscalationPlan.SkipTo(policy, step, level);
        var now = _incident.Now;
        _incident.Append(now, action.ResponderId, TimelineEntryKind.Escalated, ResponderActions.WithNote($"Skipped to {EscalationEngine.Describe(next)}", action.Note));
        await MoveToStepAsync(next, now, cancellationToken);
        return View();
    }

    public async Task<IncidentView> Reassign(string responderId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EscalationPaging.ValidateReassignment(responderId);
        _incident.EnsureExists();
        await EscalationPaging.ReassignAsync(_incident, responderId, action, cancellationToken);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<bool> HandOver(Handover handover, CancellationToken cancellationToken = default)
    {
        if (!_incident.Exists || State.Status == IncidentStatus.Resolved)
        {
            return false;
        }
        var key = Handovers.Key(IncidentId, handover);
        if (State.Pages.Exists(p => p.IdempotencyKey == key))
        {
            await DrainAsync(cancellationToken);
            return true;
        }
        await EscalationPaging.HandOverAsync(_incident, handover, key, cancellationToken);
        await StoreAsync(cancellationToken);
        return true;
    }

    public async Task<IncidentView> AcceptHandover(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        Handovers.EnsureMayAccept(IncidentId, State.PendingHandover, action.ResponderId);
        State.PendingHandover = null;
        _incident.Append(_incident.Now, action.ResponderId, TimelineEntryKind.HandedOver, ResponderActions.WithNote("Accepted the handover", action.Note));
        _incident.DisarmAfterStore(HandoverDeadline.Instance);
        await StoreAsync(cancellationToken);
        return View();
    }

    public Task RecordDelivery(string idempotencyKey, string responderId, DeliveryRecord delivery)
    {
        if (PageDeliveries.Record(State.Pages, idempotencyKey, responderId, delivery))
        {
            WriteBehind();
        }
        return Task.CompletedTask;
    }

    /// <summary>The incoming responder did not accept in time: the engine decides whether the next level is paged.</summary>
    private async Task OnHandoverDeadlineAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        if (Handovers.Unaccepted(State, due, now) is not { } pending)
        {
            return;
        }
        State.PendingHandover = null;
        await EscalateOrStoreAsync(EscalationEngine.HandoverUnaccepted(State.Policy, State.Step, pending.IncomingResponderId), now, cancellationToken);
    }

    /// <summary>Records the engine's decision and moves to its step, or only stores when escalation stops here.</summary>
    private async Task EscalateOrStoreAsync(EscalationDecision decision, DateTimeOffset now, CancellationToken cancellationToken)
    {
        _incident.Append(now, decision);
        if (decision.Next is { } next)
        {
            await MoveToStepAsync(next, now, cancellationToken);
            return;
        }
        await StoreAsync(cancellationToken);
    }

    /// <summary>A move outside a fired escalation deadline: the deadline armed for now pages the step, even if this silo dies.</summary>
    private async Task MoveToStepAsync(EscalationStep step, DateTimeOffset now, CancellationToken cancellationToken)
    {
        EscalationSteps.Enter(State, step);
        await EscalationPaging.ArmAsync(_incident, now, cancellationToken);
        await StoreAsync(cancellationToken);
    }

    /// <summary>
    /// Pages the current step, stores, then arms the deadline for the step's acknowledgement. Only called on a fired
    /// escalation deadline, which its shard keeps until this returns: a crash between the store and the arming fires it
    /// again, and the incident, finding its own deadline still ahead, arms that.
    /// </summary>
    private async Task PageStepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await EscalationPaging.PageCurrentStepAsync(_incident, now, logger, cancellationToken);
        await StoreAsync(cancellationToken);
        await EscalationPaging.ArmAsync(_incident, State.NextEscalationAt!.Value, cancellationToken);
    }

    private void StopEscalation()
    {
        if (EscalationSteps.Stop(State))
        {
            _incident.DisarmAfterStore(EscalationDeadline.Instance);
        }
    }

    // Roles and their duty clocks

    public async Task<IncidentView> AssignRole(IncidentRole role, string responderId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        Roles.ValidateAssignment(role, responderId);
        _incident.EnsureExists();
        if (State.Roles.Find(r => r.Role == role)?.ResponderId == responderId)
        {
            return View();
        }
        var now = _incident.Now;
        var previous = Roles.Assign(State, role, responderId, action.ResponderId, now);
        _incident.Append(now, action.ResponderId, TimelineEntryKind.RoleAssigned, ResponderActions.WithNote(Roles.Assigned(role, previous, responderId), action.Note));
        DutyClocks.Stop(_incident, (ResponseDuty)(int)role);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> ReleaseRole(IncidentRole role, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        Roles.ValidateRelease(role);
        _incident.EnsureExists();
        if (State.Roles.Find(r => r.Role == role) is not { } current)
        {
            return View();
        }
        State.Roles.Remove(current);
        _incident.Append(_incident.Now, action.ResponderId, TimelineEntryKind.RoleReleased, ResponderActions.WithNote($"{Roles.Name(role)} {current.ResponderId} released", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>Missed once, whoever carries the incident is reminded; missed again, the engine decides whether it escalates.</summary>
    private async Task OnDutyDeadlineAsync(DutyDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        if (!_incident.Exists || DutyClockRules.Fired(State, deadline.Duty, due, now) is not { } running)
        {
            return;
        }
        var (missed, within) = DutyClockRules.Missed(State, _incident.EffectiveSeverity, running.Duty);
        if (running.Misses == 0)
        {
            await DutyClocks.RemindAsync(_incident, running, missed, within, now, cancellationToken);
            await StoreAsync(cancellationToken);
            return;
        }
        State.Clocks.Remove(running);
        await EscalateOrStoreAsync(EscalationEngine.DutyMissedAgain(State.Policy, State.Step, missed), now, cancellationToken);
    }

    // Major incidents

    public async Task<IncidentView> DeclareMajor(MajorIncidentCriterion criterion, string? bridge, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        MajorIncidents.ValidateDeclaration(criterion, bridge);
        _incident.EnsureExists();
        if (!MajorIncidents.MayDeclare(IncidentId, State))
        {
            return View();
        }
        var unit = await BusinessUnitPolicyAsync(cancellationToken);
        await MajorIncidents.ActivateAsync(_incident, unit, criterion, bridge, action.ResponderId, action.Note, _incident.Now, cancellationToken);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> JoinBridge(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var major = MajorIncidents.Require(_incident);
        if (major.Participants.Contains(action.ResponderId))
        {
            return View();
        }
        State.Major = major with { Participants = major.Participants.Add(action.ResponderId) };
        _incident.Append(_incident.Now, action.ResponderId, TimelineEntryKind.BridgeJoined, ResponderActions.WithNote($"{action.ResponderId} joined the bridge", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> VerifyRestoration(RestorationEvidence evidence, string detail, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        MajorIncidents.ValidateRestoration(evidence, detail);
        _incident.EnsureExists();
        var now = _incident.Now;
        MajorIncidents.RecordRestoration(State, new RestorationVerification(evidence, detail, action.ResponderId, now));
        _incident.Append(now, action.ResponderId, TimelineEntryKind.RestorationVerified,
            ResponderActions.WithNote($"Restoration verified by {MajorIncidents.EvidenceName(evidence)}: {detail}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> ConfirmRestoration(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var major = MajorIncidents.Require(_incident);
        if (!MajorIncidents.MayConfirm(IncidentId, State, major, action.ResponderId))
        {
            return View();
        }
        var now = _incident.Now;
        State.Major = major with { Confirmations = major.Confirmations.Add(new StakeholderConfirmation(action.ResponderId, now)) };
        _incident.Append(now, action.ResponderId, TimelineEntryKind.RestorationConfirmed, ResponderActions.WithNote($"{action.ResponderId} confirmed the restoration", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> Deescalate(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var major = MajorIncidents.Require(_incident);
        if (major.DeescalatedAt is not null)
        {
            return View();
        }
        MajorIncidents.EnsureMayDeescalate(IncidentId, State, major);
        var now = _incident.Now;
        State.Major = major with { DeescalatedAt = now, DeescalatedBy = action.ResponderId };
        _incident.Append(now, action.ResponderId, TimelineEntryKind.MajorDeescalated, ResponderActions.WithNote("Major incident de-escalated", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    // Closing

    public async Task<IncidentView> RecordResolution(string actionsTaken, string toolsUsed, string configurationChanges, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        ClosingRules.ValidateResolution(actionsTaken, toolsUsed, configurationChanges);
        _incident.EnsureExists();
        var now = _incident.Now;
        State.ResolutionNotes = new ResolutionNotes(actionsTaken, toolsUsed, configurationChanges, action.ResponderId, now);
        // A review covers the notes it read: new notes need a new review.
        State.ClosureReview = null;
        _incident.Append(now, action.ResponderId, TimelineEntryKind.ResolutionRecorded,
            $"Resolution recorded. Actions: {actionsTaken} Tools: {toolsUsed} Configuration changes: {configurationChanges}");
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> ReviewClosure(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        _incident.EnsureExists();
        ClosingRules.EnsureMayReview(IncidentId, State.ResolutionNotes, action.ResponderId);
        var now = _incident.Now;
        State.ClosureReview = new ClosureReview(action.ResponderId, now, action.Note);
        _incident.Append(now, action.ResponderId, TimelineEntryKind.ClosureReviewed, ResponderActions.WithNote("Reviewed the resolution for closing", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    // Central command of an enterprise-wide event

    public async Task<IncidentView> PlaceUnderCentralCommand(string eventId, string commander, string actor, CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        if (!CentralCommandRules.MayTake(_incident, eventId))
        {
            return View();
        }
        var now = _incident.Now;
        State.CentralCommand = new CentralCommand(eventId, commander, now);
        _incident.Append(now, actor, TimelineEntryKind.CentralCommandTaken,
            $"Taken under central command of enterprise-wide event '{eventId}' (commander {commander}); local command keeps the technical work.");
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task ReturnToLocalCommand(string eventId, string actor, CancellationToken cancellationToken = default)
    {
        if (!_incident.Exists || State.CentralCommand?.EventId != eventId)
        {
            return;
        }
        State.CentralCommand = null;
        _incident.Append(_incident.Now, actor, TimelineEntryKind.HandedBackToLocalCommand, $"Handed back to local command by enterprise-wide event '{eventId}'.");
        await StoreAsync(cancellationToken);
    }

    public async Task RecordCentralDecision(string decisionId, CentralDecision decision, CancellationToken cancellationToken = default)
    {
        if (!CentralCommandRules.Applies(_incident, decisionId, decision))
        {
            return;
        }
        var now = _incident.Now;
        if (decision.Severity is { } severity)
        {
            State.CentralSeverity = severity;
            await DutyClocks.SetAsync(_incident, now, cancellationToken);
        }
        _incident.Append(now, decision.DecidedBy, TimelineEntryKind.CentralDecision, $"Central command of enterprise-wide event '{decision.EventId}': {decision.Message}");
        if (decision.EndsCentralCommand)
        {
            State.CentralCommand = null;
        }
        CentralCommandRules.Remember(State, decisionId);
        await StoreAsync(cancellationToken);
    }

    // Linked items

    public async Task<IncidentView> LinkItem(LinkedItemKind kind, string reference, string? title, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        LinkedItems.ValidateLink(IncidentId, kind, reference, title);
        _incident.EnsureExists();
        if (await LinkedItems.LinkAsync(_incident, kind, reference, title, action, cancellationToken))
        {
            await StoreAsync(cancellationToken);
        }
        return View();
    }

    public async Task<IncidentView> UnlinkItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        LinkedItems.Validate(kind, reference);
        _incident.EnsureExists();
        if (LinkedItems.Find(State, kind, reference) is not { } item)
        {
            return View();
        }
        State.LinkedItems.Remove(item);
        _incident.Append(_incident.Now, action.ResponderId, TimelineEntryKind.ItemUnlinked, ResponderActions.WithNote($"Unlinked {LinkedItems.Describe(item)}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> CompleteLinkedItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        LinkedItems.Validate(kind, reference);
        _incident.EnsureExists();
        var item = LinkedItems.RequireCompletable(_incident, kind, reference);
        if (item.DoneAt is not null)
        {
            return View();
        }
        var now = _incident.Now;
        LinkedItems.Complete(State, item, action.ResponderId, now);
        _incident.Append(now, action.ResponderId, TimelineEntryKind.LinkedItemDone, ResponderActions.WithNote($"Done: {LinkedItems.Describe(item)}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    // Temporary fixes

    public async Task<IncidentView> RecordTemporaryFix(string description, DateTimeOffset expiresAt, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var now = _incident.Now;
        TemporaryFixes.ValidateRecord(description, expiresAt, now);
        _incident.EnsureExists();
        var fixes = State.TemporaryFixes;
        // A retried request finds the fix it recorded.
        if (TemporaryFixes.Recorded(fixes, description, expiresAt))
        {
            return View();
        }
        var fix = new TemporaryFix(fixes.Count + 1, description, expiresAt, action.ResponderId, now, null, null, null, null);
        await _incident.ArmAsync(new TemporaryFixDeadline(fix.Number), expiresAt, cancellationToken);
        fixes.Add(fix);
        _incident.Append(now, action.ResponderId, TimelineEntryKind.TemporaryFixRecorded,
            ResponderActions.WithNote($"Temporary fix {fix.Number}, until {expiresAt:u}: {description}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> MakeFixPermanent(int number, string permanentFix, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        TemporaryFixes.ValidatePermanent(number, permanentFix);
        _incident.EnsureExists();
        var fix = State.TemporaryFixes.Find(f => f.Number == number) ?? throw new ResourceNotFoundException("Temporary fix", $"{IncidentId}/{number}");
        if (fix.MadePermanentAt is not null)
        {
            return View();
        }
        var now = _incident.Now;
        var message = TemporaryFixes.MakePermanent(_incident, fix, permanentFix, action.ResponderId, now);
        _incident.Append(now, action.ResponderId, TimelineEntryKind.TemporaryFixMadePermanent, ResponderActions.WithNote(message, action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>Acts once: a fix already expired or made permanent, or a stale or early deadline, changes nothing.</summary>
    private async Task OnTemporaryFixDeadlineAsync(TemporaryFixDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        if (!_incident.Exists || State.TemporaryFixes.Find(f => f.Number == deadline.Number) is not { } fix || !TemporaryFixes.Expires(fix, due, now))
        {
            return;
        }
        TemporaryFixes.Expire(_incident, fix, now);
        await StoreAsync(cancellationToken);
    }

    // Vendors

    public async Task<IncidentView> InviteVendor(string vendorId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        VendorEngagements.ValidateInvitation(vendorId);
        _incident.EnsureExists();
        var vendor = GrainFactory.GetGrain<IVendorGrain>(vendorId);
        var engagement = VendorEngagements.Find(State, vendorId);
        if (engagement is null)
        {
            var now = _incident.Now;
            engagement = VendorEngagements.Invite(vendorId, (await vendor.Get(cancellationToken)).Definition, action.ResponderId, now);
            await _incident.ArmAsync(new VendorDeadline(vendorId), engagement.RespondBy, cancellationToken);
            State.Vendors.Add(engagement);
            _incident.Append(now, action.ResponderId, TimelineEntryKind.VendorInvited, ResponderActions.WithNote(VendorEngagements.Invited(engagement), action.Note));
            await StoreAsync(cancellationToken);
        }
        // Told once the invitation is stored, and again on a retry: a vendor never lists an incident that did not invite it.
        await vendor.RecordInvitation(IncidentId, engagement.InvitedAt, cancellationToken);
        return View();
    }

    public Task<VendorIncidentView> GetForVendor(string vendorId, CancellationToken cancellationToken = default) =>
        Task.FromResult(IncidentViews.ForVendor(_incident, VendorEngagements.Require(_incident, vendorId)));

    public async Task<VendorIncidentView> RecordVendorResponse(string vendorId, string message, CancellationToken cancellationToken = default)
    {
        VendorEngagements.ValidateResponse(message);
        var engagement = VendorEngagements.Require(_incident, vendorId);
        var now = _incident.Now;
        var (responded, entry, first) = VendorEngagements.Respond(engagement, message, now);
        if (first)
        {
            _incident.DisarmAfterStore(new VendorDeadline(vendorId));
        }
        State.Vendors[State.Vendors.IndexOf(engagement)] = responded;
        _incident.Append(now, "vendor:" + vendorId, TimelineEntryKind.VendorResponded, entry);
        await StoreAsync(cancellationToken);
        return IncidentViews.ForVendor(_incident, responded);
    }

    /// <summary>Acts once: a vendor that responded or is already flagged, or a stale or early deadline, changes nothing.</summary>
    private async Task OnVendorDeadlineAsync(VendorDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        var vendors = State.Vendors;
        var index = vendors.FindIndex(v => v.VendorId == deadline.VendorId);
        if (!_incident.Exists || index < 0 || !VendorEngagements.Breached(vendors[index], due, now))
        {
            return;
        }
        vendors[index] = vendors[index] with { BreachedAt = now };
        _incident.Append(now, "clock", TimelineEntryKind.VendorResponseBreached, VendorEngagements.Breach(vendors[index]));
        await StoreAsync(cancellationToken);
    }

    // Storing and delivering events

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writeBehind is not null)
        {
            await StoreAsync(cancellationToken);
        }
        else if (_outboxStale)
        {
            // Not a change of the incident, so its version stays: the next activation would deliver these events again.
            await _incident.WriteAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Changes that alter no lifecycle state (repeat counters, delivery receipts) are written behind,
    /// within <see cref="IncidentOptions.RepeatFlushInterval"/>, or with the next command's write.
    /// </summary>
    private void WriteBehind() =>
        _writeBehind ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions
        {
            DueTime = options.Value.RepeatFlushInterval,
            Period = Timeout.InfiniteTimeSpan,
        });

    /// <summary>
    /// Not on the timer's token: storing stops the timer, which cancels the token its running callback was given.
    /// Should the write fail, the next change arms the flush again.
    /// </summary>
    private Task FlushAsync(CancellationToken _) => StoreAsync(CancellationToken.None);

    private void StopWriteBehind()
    {
        _writeBehind?.Dispose();
        _writeBehind = null;
    }

    /// <summary>
    /// One write per command, after its rules passed. The change's events are stored with it in the outbox, and the
    /// events deadline armed beside the write delivers them should this silo die before it does. Only once stored are
    /// deadlines disarmed and the events delivered; a failed write forgets the change.
    /// </summary>
    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        // Anything written behind rides along with this write.
        StopWriteBehind();
        State.Version++;
        var sealedEvents = _incident.SealEvents(homes.LocalRegion);
        var redelivery = sealedEvents > 0 ? ArmRedeliveryAsync(cancellationToken) : Task.CompletedTask;
        try
        {
            await _incident.WriteAsync(cancellationToken);
        }
        catch
        {
            Forget();
            throw;
        }
        finally
        {
            await ObserveAsync(redelivery);
        }
        _outboxStale = false;
        await _incident.DisarmStoredAsync(ObserveAsync, cancellationToken);
        await TryDrainAsync(cancellationToken);
    }

    /// <summary>Armed once per window rather than per change: the one armed already delivers whatever the outbox holds when it fires.</summary>
    private async Task ArmRedeliveryAsync(CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        if (_redeliveryDue is { } armed && armed > now)
        {
            return;
        }
        var due = now + options.Value.EventRedeliveryDelay;
        await _incident.ArmAsync(EventsDeadline.Instance, due, cancellationToken);
        _redeliveryDue = due;
    }

    /// <summary>Delivers what the outbox holds, oldest first; throws if a subscriber did not take it.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var outbox = State.Outbox;
        if (outbox.Count == 0)
        {
            return;
        }
        var delivering = outbox.ToArray();
        await events.PublishAsync(delivering, cancellationToken);
        outbox.RemoveRange(0, delivering.Length);
        _outboxStale = true;
    }

    /// <summary>The change is stored whether or not its events could be delivered now; the events deadline delivers them later.</summary>
    private async Task TryDrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Delivering the events of {IncidentId} failed; its events deadline delivers them again", IncidentId);
        }
    }

    /// <summary>The events deadline: delivers what a silo that died, or a subscriber that failed, left in the outbox.</summary>
    private Task OnEventsDeadlineAsync(CancellationToken cancellationToken)
    {
        _redeliveryDue = null;
        return _incident.Exists ? DrainAsync(cancellationToken) : Task.CompletedTask;
    }

    private async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            // A deadline left armed is ignored when it fires; one not armed is armed again by the next change.
            _redeliveryDue = null;
            logger.LogWarning(e, "A deadline change of {IncidentId} beside its write failed", IncidentId);
        }
    }

    /// <summary>Drops every change not stored; the next call reads the incident as stored.</summary>
    private void Forget()
    {
        StopWriteBehind();
        _incident.Forget();
    }

    private IncidentView View() => IncidentViews.View(_incident);
}
