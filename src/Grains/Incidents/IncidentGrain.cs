using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Alerts;
using IncidentActors.Audit;
using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Incidents.Events;
using IncidentActors.OnCall;
using IncidentActors.Placement;
using IncidentActors.Responders;
using IncidentActors.Reviews;
using IncidentActors.Services;
using IncidentActors.Storage;
using IncidentActors.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Serialization;
using Orleans.Storage;

namespace IncidentActors.Incidents;

/// <summary>
/// An incident. The grain only orchestrates: it loads (in <see cref="Invoke"/>), hands each command to the plain class
/// of its concept in the folders beside it (Lifecycle/, Roles/, Escalation/, Major/, Closing/, Command/, Links/,
/// TemporaryFixes/, Vendors/, Impact/, Regulatory/), stores what that decided through the one <see cref="StoreAsync"/>,
/// and answers. Those classes are static and work on the <see cref="IncidentContext"/> they are handed rather than
/// keeping state of their own: all a command changes lives in that one context, which the grain stores or forgets as
/// a whole, and their rules are tested without a cluster. Where escalation goes when nobody answers is decided by
/// <see cref="EscalationEngine"/> alone. Once retention archived it (Retention/), only a stub stays, which answers the
/// calls in <see cref="ReachArchived"/> and refuses the rest.
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
    AlertClassification classifier,
    TimelineKey timelineKey,
    IArchiveStore archive,
    Serializer serializer,
    RegulatorReports regulatorReports,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IIncomingGrainCallFilter, IUnitScoped
{
    private readonly IncidentContext _incident = new(context.GrainId, storage, grains, clock, timelineKey);
    private IGrainTimer? _writeBehind;

    // When the armed events deadline falls due; null when none is known to be armed.
    private DateTimeOffset? _redeliveryDue;

    // The outbox was emptied in memory since the last write, which still holds the delivered events.
    private bool _outboxStale;

    // A delivery is under way; a call interleaved meanwhile (a responder asking before a retry) leaves the outbox to it.
    private bool _draining;

    /// <summary>What an archived incident still answers: reads of its status and archive, retention and holds, and delivery.</summary>
    private static readonly HashSet<string> ReachArchived = new(StringComparer.Ordinal)
    {
        nameof(GetStatus), nameof(GetResponseState), nameof(Summarize), nameof(VerifyTimeline), nameof(Export), nameof(ReadArchive),
        nameof(PlaceLegalHold), nameof(ReleaseLegalHold), nameof(OnDeadline), nameof(Replay), nameof(DeliverEvents), nameof(RecordDelivery),
        // Refused as for any resolved incident, so that the service opens a new one or the handover goes elsewhere.
        nameof(Trigger), nameof(AttachSymptom), nameof(HandOver),
    };

    private string IncidentId => _incident.IncidentId;

    private IncidentState State => _incident.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken) => homes.MoveHomeIfAwayAsync(this);

    public async ValueTask<GrainScope?> ScopeAsync()
    {
        await _incident.LoadAsync(CancellationToken.None);
        return _incident.Exists ? new GrainScope(State.BusinessUnitId, [.. State.RestrictedTo]) : null;
    }

    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (call.ImplementationMethod.Name == nameof(Create))
        {
            _incident.StartNew();
        }
        else
        {
            await _incident.LoadAsync(CancellationToken.None);
            if (!ReachArchived.Contains(call.ImplementationMethod.Name))
            {
                IncidentRetention.EnsureNotArchived(IncidentId, State);
            }
            if (State.Outbox.Count > 0 && !_draining && call.ImplementationMethod.Name != nameof(OnDeadline))
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
        await OpenAsync(alert, service, opening, coveredByCaller: true, cancellationToken);
        return new TriggerResult(Accepted: true, Opened: true, State.Status, State.AlertCount, EventsPending: State.Outbox.Count > 0);
    }

    public async Task<TriggerResult> Trigger(AlertEvent alert, ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        var s = State;
        if (!_incident.Exists)
        {
            // Created by this trigger rather than by Create: its service failed between storing the id and creating it.
            await OpenAsync(alert, service, await IncidentOpenings.FetchAsync(GrainFactory, service.BusinessUnitId, 1, cancellationToken),
                coveredByCaller: false, cancellationToken);
            return new TriggerResult(Accepted: true, Opened: true, s.Status, s.AlertCount);
        }
        if (!IncidentLifecycle.AcceptsTriggers(s.Status))
        {
            return new TriggerResult(Accepted: false, Opened: false, s.Status, s.AlertCount);
        }

        if (alert.GroupAlertsFiring is { } firing)
        {
            // The event carries its group as last notified: the group's count and title replace the incident's.
            (s.AlertCount, s.Title) = (firing, alert.Summary);
        }
        else
        {
            s.AlertCount++;
        }
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

    public async Task<TimelineVerification> VerifyTimeline(CancellationToken cancellationToken = default) =>
        State.Archive is null ? await _incident.VerifyStoredTimelineAsync(cancellationToken) : (await ReadArchive(cancellationToken)).Timeline;

    /// <summary>What responders ask before retrying a page; they decide themselves what follows.</summary>
    public Task<ResponseState?> GetResponseState(CancellationToken cancellationToken = default) =>
        Task.FromResult(_incident.Exists ? new ResponseState(State.Status, State.AcknowledgedAt) : null);

    public Task<IncidentSummary> Summarize(CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        return Task.FromResult(_incident.Summary());
    }

    private async Task OpenAsync(AlertEvent alert, ServiceDefinition service, IncidentOpening opening, bool coveredByCaller, CancellationToken cancellationToken)
    {
        var now = _incident.Now;
        OpeningRules.Open(_incident, alert, service, opening.Unit, now);
        State.IndexPage = opening.IndexPage;
        State.UpdateIntervals = [.. opening.Unit.Communications?.Intervals ?? []];
        OpeningRules.Classify(_incident, alert, service, opening.Unit, opening.Rules, classifier, now);
        await IncidentEscalation.StartAsync(_incident, service.EscalationPolicyId, now, logger, cancellationToken);
        await DutyClocks.SetAsync(_incident, now, cancellationToken);
        await StoreAsync(cancellationToken, eventsCoveredByCaller: coveredByCaller);
        logger.LogInformation("Opened {IncidentId} on {ServiceId} for dedup key {DedupKey}", IncidentId, service.Id, State.DedupKey);
    }

    // Commands: each concept's class checks and decides; the grain stores what changed and answers

    public Task<IncidentView> Acknowledge(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => LifecycleTransitions.AcknowledgeAsync(_incident, action, FreezeAfterMajor, cancellationToken), cancellationToken);

    public Task<IncidentView> Resolve(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => LifecycleTransitions.ResolveAsync(_incident, action, FreezeAfterMajor, cancellationToken), cancellationToken);

    public Task<IncidentView> Transition(string to, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => LifecycleTransitions.TransitionAsync(_incident, to, action, FreezeAfterMajor,
            ct => GrainFactory.GetGrain<IPostIncidentReviewGrain>(IncidentId).GetGate(ct), cancellationToken), cancellationToken);

    public Task<IncidentView> AssessImpact(BusinessImpact impact, Urgency urgency, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => ImpactAssessments.AssessAsync(_incident, impact, urgency, action, cancellationToken), cancellationToken);

    public Task<IncidentView> TagRegulatory(ImmutableArray<string> tags, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => RegulatoryTags.TagAsync(_incident, tags, action, cancellationToken), cancellationToken);

    public async Task<IncidentExport> Export(bool redacted, CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        var whole = State.Archive is null ? State : (await ReadArchivedStateAsync(cancellationToken)).State;
        return IncidentRedaction.Export(IncidentId, whole, redacted);
    }

    public Task<IncidentView> Restrict(ImmutableArray<string> groups, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => Task.FromResult(IncidentRestriction.Restrict(_incident, groups, action)), cancellationToken);

    public Task RecordReviewNote(IncidentReviewNote note, CancellationToken cancellationToken = default) =>
        StoreIfAsync(ReviewNotes.Record(_incident, note), cancellationToken);

    public Task<IncidentView> CorrectMilestone(Milestone milestone, DateTimeOffset at, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => MilestoneRules.Correct(_incident, milestone, at, action), cancellationToken);

    public Task<IncidentView> AddNote(string text, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => IncidentNotes.Add(_incident, text, action), cancellationToken);

    // Retention and legal holds

    public async Task<LegalHold> PlaceLegalHold(string reason, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var hold = IncidentRetention.NewHold(reason, action.ResponderId, _incident.Now);
        _incident.EnsureExists();
        State.LegalHold = hold;
        if (State.Archive is null)
        {
            // An archived incident's timeline is in its archive; the hold is then recorded in the audit log alone.
            _incident.Append(hold.PlacedAt, action.ResponderId, TimelineEntryKind.LegalHoldPlaced, $"Legal hold placed: {reason}");
        }
        await StoreAsync(cancellationToken);
        return hold;
    }

    public async Task<bool> ReleaseLegalHold(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        if (!_incident.Exists || State.LegalHold is null)
        {
            return false;
        }
        var now = _incident.Now;
        State.LegalHold = null;
        if (State.Archive is null)
        {
            _incident.Append(now, action.ResponderId, TimelineEntryKind.LegalHoldReleased, ResponderActions.WithNote("Legal hold released", action.Note));
        }
        if (State.Status == IncidentStatus.Resolved)
        {
            // Whatever the hold kept back is done now if due; the deadline finds out.
            await _incident.ArmAsync(RetentionDeadline.Instance, now, cancellationToken);
        }
        await StoreAsync(cancellationToken);
        return true;
    }

    public async Task<ArchivedIncident> ReadArchive(CancellationToken cancellationToken = default)
    {
        var (archived, intact) = await ReadArchivedStateAsync(cancellationToken);
        return new ArchivedIncident(IncidentViews.View(IncidentId, archived) with { LegalHold = State.LegalHold }, State.Archive!.ArchivedAt, intact,
            await _incident.VerifyArchivedTimelineAsync(archived, cancellationToken));
    }

    private async Task<(IncidentState State, bool Intact)> ReadArchivedStateAsync(CancellationToken cancellationToken)
    {
        _incident.EnsureExists();
        if (State.Archive is not { DeletedAt: null } record)
        {
            IncidentRetention.EnsureNotArchived(IncidentId, State);
            throw new IllegalTransitionException($"Incident '{IncidentId}' is not archived; read it with Incidents/GetIncident.");
        }
        var content = await archive.ReadAsync(record.Name, cancellationToken)
            ?? throw new IllegalTransitionException($"The archive of incident '{IncidentId}' ({record.Name}) is missing from the archive store.");
        try
        {
            return (serializer.Deserialize<IncidentState>(content) ?? throw new InvalidDataException("empty archive"), IncidentRetention.Sha256(content) == record.Sha256);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new IllegalTransitionException($"The archive of incident '{IncidentId}' ({record.Name}) cannot be read: it is not what was written.");
        }
    }

    public Task<IncidentView> EscalateNow(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => IncidentEscalation.EscalateByHandAsync(_incident, action, cancellationToken), cancellationToken);

    public Task<IncidentView> SkipToLevel(int level, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => IncidentEscalation.SkipToLevelAsync(_incident, level, action, cancellationToken), cancellationToken);

    public Task<IncidentView> Reassign(string responderId, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => IncidentEscalation.ReassignAsync(_incident, responderId, action, cancellationToken), cancellationToken);

    public Task<IncidentView> AcceptHandover(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => IncidentEscalation.AcceptHandover(_incident, action), cancellationToken);

    public Task<IncidentView> AcceptCommandHandover(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => CommandHandovers.Accept(_incident, action), cancellationToken);

    public Task<IncidentView> AssignRole(IncidentRole role, string responderId, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => Roles.Assign(_incident, role, responderId, action), cancellationToken);

    public Task<IncidentView> ReleaseRole(IncidentRole role, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => Roles.Release(_incident, role, action), cancellationToken);

    public Task<IncidentView> DeclareMajor(MajorIncidentCriterion criterion, string? bridge, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => MajorIncidents.DeclareAsync(_incident, criterion, bridge, action, cancellationToken), cancellationToken);

    public Task<IncidentView> JoinBridge(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => MajorIncidents.JoinBridge(_incident, action), cancellationToken);

    public Task<IncidentView> VerifyRestoration(RestorationEvidence evidence, string detail, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => MajorIncidents.VerifyRestoration(_incident, evidence, detail, action), cancellationToken);

    public Task<IncidentView> ConfirmRestoration(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => MajorIncidents.ConfirmRestoration(_incident, action), cancellationToken);

    public Task<IncidentView> Deescalate(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => MajorIncidents.Deescalate(_incident, action), cancellationToken);

    public Task<IncidentView> RecordResolution(string actionsTaken, string toolsUsed, string configurationChanges, ResponderAction action,
        CancellationToken cancellationToken = default) =>
        ActAsync(action, () => ClosingRules.RecordResolution(_incident, actionsTaken, toolsUsed, configurationChanges, action), cancellationToken);

    public Task<IncidentView> ReviewClosure(ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => ClosingRules.ReviewClosure(_incident, action), cancellationToken);

    public Task<IncidentView> LinkItem(LinkedItemKind kind, string reference, string? title, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => LinkedItems.LinkAsync(_incident, kind, reference, title, action, cancellationToken), cancellationToken);

    public Task<IncidentView> UnlinkItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => LinkedItems.Unlink(_incident, kind, reference, action), cancellationToken);

    public Task<IncidentView> CompleteLinkedItem(LinkedItemKind kind, string reference, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => LinkedItems.CompleteItem(_incident, kind, reference, action), cancellationToken);

    public Task<IncidentView> RecordTemporaryFix(string description, DateTimeOffset expiresAt, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => TemporaryFixes.RecordAsync(_incident, description, expiresAt, action, cancellationToken), cancellationToken);

    public Task<IncidentView> MakeFixPermanent(int number, string permanentFix, ResponderAction action, CancellationToken cancellationToken = default) =>
        ActAsync(action, () => TemporaryFixes.MakePermanent(_incident, number, permanentFix, action), cancellationToken);

    public async Task<IncidentView> PlaceUnderCentralCommand(string eventId, string commander, string actor, CancellationToken cancellationToken = default)
    {
        await StoreIfAsync(CentralCommandRules.Take(_incident, eventId, commander, actor), cancellationToken);
        return View();
    }

    public Task ReturnToLocalCommand(string eventId, string actor, CancellationToken cancellationToken = default) =>
        StoreIfAsync(CentralCommandRules.HandBack(_incident, eventId, actor), cancellationToken);

    public async Task RecordCentralDecision(string decisionId, CentralDecision decision, CancellationToken cancellationToken = default) =>
        await StoreIfAsync(await CentralCommandRules.RecordDecisionAsync(_incident, decisionId, decision, cancellationToken), cancellationToken);

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
        await IncidentEscalation.HandOverAsync(_incident, handover, key, cancellationToken);
        await StoreAsync(cancellationToken);
        return true;
    }

    public async Task<bool> DeliverEvents(CancellationToken cancellationToken = default)
    {
        if (_incident.Exists && State.Outbox.Count > 0)
        {
            await DrainAsync(cancellationToken);
        }
        return !_incident.Exists || State.Outbox.Count == 0;
    }

    public async Task Replay(CancellationToken cancellationToken = default)
    {
        if (!_incident.Exists)
        {
            return;
        }
        // Counts written behind are stored first: a replay sends only what is stored, and never overtakes an event.
        if (_writeBehind is not null)
        {
            await StoreAsync(cancellationToken);
        }
        await DrainAsync(cancellationToken);
        await events.PublishAsync([_incident.Replay(homes.LocalRegion)], cancellationToken);
    }

    public async Task RecordDelivery(string idempotencyKey, string responderId, DeliveryRecord delivery, CancellationToken cancellationToken = default)
    {
        if (PageDeliveries.Record(State.Pages, idempotencyKey, responderId, delivery))
        {
            await StoreAsync(cancellationToken);
        }
    }

    public Task RecordWarRoom(WarRoom room, CancellationToken cancellationToken = default) =>
        StoreIfAsync(WarRooms.Record(_incident, room), cancellationToken);

    public async Task RecordWarRoomOverdue(TimeSpan target, string? lastError, CancellationToken cancellationToken = default) =>
        await StoreIfAsync(await WarRooms.OverdueAsync(_incident, target, lastError, cancellationToken), cancellationToken);

    public async Task RecordRunbookEntry(RunbookEntry entry, CancellationToken cancellationToken = default) =>
        await StoreIfAsync(await RunbookEntries.RecordAsync(_incident, entry, cancellationToken), cancellationToken);

    public async Task<IncidentView> InviteVendor(string vendorId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (engagement, invited) = await VendorEngagements.InviteAsync(_incident, vendorId, action, cancellationToken);
        await StoreIfAsync(invited, cancellationToken);
        // Told once the invitation is stored, and again on a retry: a vendor never lists an incident that did not invite it.
        await GrainFactory.GetGrain<IVendorGrain>(vendorId).RecordInvitation(IncidentId, engagement.InvitedAt, cancellationToken);
        return View();
    }

    public Task<VendorIncidentView> GetForVendor(string vendorId, CancellationToken cancellationToken = default) =>
        Task.FromResult(IncidentViews.ForVendor(_incident, VendorEngagements.Require(_incident, vendorId)));

    public async Task<VendorIncidentView> RecordVendorResponse(string vendorId, string message, CancellationToken cancellationToken = default)
    {
        var engagement = VendorEngagements.RecordResponse(_incident, vendorId, message);
        await StoreAsync(cancellationToken);
        return IncidentViews.ForVendor(_incident, engagement);
    }

    // Communications

    public Task<UpdatePreview> PreviewUpdate(UpdateDraft draft, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        return CommunicationRules.PreviewAsync(_incident, draft, action, cancellationToken);
    }

    public async Task<CommunicationUpdate> DraftUpdate(UpdateDraft draft, ResponderAction action, CancellationToken cancellationToken = default)
    {
        var update = CommunicationRules.Draft(_incident, await PreviewUpdate(draft, action, cancellationToken), action);
        await StoreAsync(cancellationToken);
        return update;
    }

    public async Task<CommunicationUpdate> ApproveUpdate(int number, ResponderAction action, ImmutableArray<string> groups, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var approved = CommunicationRules.Approve(_incident, number, action, groups, await CommunicationsPolicyAsync(cancellationToken));
        await StoreAsync(cancellationToken);
        return approved;
    }

    public async Task<CommunicationUpdate> PublishUpdate(int number, ResponderAction action, ImmutableArray<string> groups, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var published = await CommunicationRules.PublishAsync(_incident, number, action, groups, await CommunicationsPolicyAsync(cancellationToken), cancellationToken);
        await UpdateCadences.RestartAsync(_incident, cancellationToken);
        await ReadConfirmations.ArmAsync(_incident, cancellationToken);
        await StoreAsync(cancellationToken);
        return published;
    }

    public async Task ReceiveEventUpdate(CentralUpdate update, CancellationToken cancellationToken = default)
    {
        if (!_incident.Exists || await CommunicationRules.PublishFromEventAsync(_incident, update, await CommunicationsPolicyAsync(cancellationToken), cancellationToken) is null)
        {
            return;
        }
        await UpdateCadences.RestartAsync(_incident, cancellationToken);
        await ReadConfirmations.ArmAsync(_incident, cancellationToken);
        await StoreAsync(cancellationToken);
    }

    public async Task<CommunicationUpdate> AddLocalAddition(int number, string text, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var added = CommunicationRules.AddLocalAddition(_incident, number, text, action);
        await StoreAsync(cancellationToken);
        return added;
    }

    public async Task<CommunicationUpdate> EditPublishedUpdate(UpdateEdit edit, ResponderAction action, ImmutableArray<string> groups,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var edited = CommunicationRules.Edit(_incident, edit, action, groups, await CommunicationsPolicyAsync(cancellationToken));
        await StoreAsync(cancellationToken);
        return edited;
    }

    public async Task<CommunicationUpdate> ConfirmUpdateRead(int number, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (update, changed) = CommunicationRules.ConfirmRead(_incident, number, action);
        await StoreIfAsync(changed, cancellationToken);
        return update;
    }

    public async Task<CommunicationsLog> ClearDisclosure(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        await StoreIfAsync(CommunicationRules.ClearDisclosure(_incident, action), cancellationToken);
        return CommunicationRules.Log(IncidentId, State);
    }

    public Task<CommunicationsLog> GetCommunicationsLog(CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        return Task.FromResult(CommunicationRules.Log(IncidentId, State));
    }

    private async Task<CommunicationsPolicy> CommunicationsPolicyAsync(CancellationToken cancellationToken) =>
        (await _incident.BusinessUnitPolicyAsync(cancellationToken)).Communications ?? CommunicationsPolicy.None;

    /// <summary>Stored first and armed after, as the cadence is.</summary>
    private async Task OnReadConfirmationDeadlineAsync(CancellationToken cancellationToken)
    {
        var (changed, armAt) = await ReadConfirmations.OnDeadlineAsync(_incident, cancellationToken);
        await StoreIfAsync(changed, cancellationToken);
        if (armAt is { } due)
        {
            await _incident.ArmAsync(ReadConfirmationDeadline.Instance, due, cancellationToken);
        }
    }

    /// <summary>Stored first and armed after: the fired deadline stays in its shard until this returns, and fires again after a crash.</summary>
    private async Task OnUpdateCadenceDeadlineAsync(CancellationToken cancellationToken)
    {
        var (changed, armAt) = await UpdateCadences.OnDeadlineAsync(_incident, cancellationToken);
        await StoreIfAsync(changed, cancellationToken);
        if (armAt is { } due)
        {
            await _incident.ArmAsync(UpdateCadenceDeadline.Instance, due, cancellationToken);
        }
    }

    // Regulatory reporting clocks

    public async Task<RegulatoryClock> ApproveRegulatoryReport(int clock, string text, ResponderAction action, ImmutableArray<string> groups,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (approved, changed) = RegulatoryClocks.Approve(_incident, clock, text, action, groups, await CommunicationsPolicyAsync(cancellationToken));
        await StoreIfAsync(changed, cancellationToken);
        return approved;
    }

    /// <summary>
    /// Everything is checked before the report is sent, and the evidence stored after: a crash in between sends it again
    /// on the owner's retry under the same idempotency key, which the regulator's endpoint recognises.
    /// </summary>
    public async Task<RegulatoryClock> SubmitRegulatoryReport(int clock, string? text, int? updateNumber, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (owed, report, approvedBy) = RegulatoryClocks.PrepareSubmission(_incident, clock, text, updateNumber, action);
        if (RegulatoryClocks.Delivered(owed, report))
        {
            return owed;
        }
        var endpoint = RegulatoryClocks.Endpoint(await _incident.BusinessUnitPolicyAsync(cancellationToken), owed);
        var now = _incident.Now;
        var sha = RegulatoryClockRules.Sha256(report);
        var delivery = await regulatorReports.SendAsync(endpoint, RegulatorReports.IdempotencyKey(IncidentId, clock, sha),
            RegulatorReports.Payload(IncidentId, owed, report, sha, action.ResponderId, approvedBy, now), cancellationToken);
        var submitted = RegulatoryClocks.RecordSubmission(_incident, owed,
            new RegulatorySubmission(report, sha, action.ResponderId, approvedBy, now, delivery, updateNumber), action);
        await StoreAsync(cancellationToken);
        return submitted;
    }

    public async Task<RegulatoryClock> AcknowledgeRegulatoryReport(int clock, string reference, ResponderAction action, ImmutableArray<string> groups,
        CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var (acknowledged, changed) = RegulatoryClocks.Acknowledge(_incident, clock, reference, action, groups, await CommunicationsPolicyAsync(cancellationToken));
        await StoreIfAsync(changed, cancellationToken);
        return acknowledged;
    }

    public Task<ImmutableArray<RegulatoryClock>> GetRegulatoryClocks(CancellationToken cancellationToken = default)
    {
        _incident.EnsureExists();
        return Task.FromResult<ImmutableArray<RegulatoryClock>>([.. State.RegulatoryClocks]);
    }

    /// <summary>Stored first and armed after, as the update cadence: the fired deadline stays in its shard until this returns.</summary>
    private async Task OnRegulatoryClockDeadlineAsync(RegulatoryClockDeadline clock, CancellationToken cancellationToken)
    {
        var (changed, armAt) = await RegulatoryClocks.OnDeadlineAsync(_incident, clock, cancellationToken);
        await StoreIfAsync(changed, cancellationToken);
        if (armAt is { } due)
        {
            await _incident.ArmAsync(clock, due, cancellationToken);
        }
    }

    /// <summary>Who acts is checked first; the concept's class checks the rest and decides; only a change is stored.</summary>
    private async Task<IncidentView> ActAsync(ResponderAction action, Func<Task<bool>> decide, CancellationToken cancellationToken)
    {
        ResponderActions.Validate(action);
        await StoreIfAsync(await decide(), cancellationToken);
        return View();
    }

    private Task<IncidentView> ActAsync(ResponderAction action, Func<bool> decide, CancellationToken cancellationToken) =>
        ActAsync(action, () => Task.FromResult(decide()), cancellationToken);

    private Task StoreIfAsync(bool changed, CancellationToken cancellationToken) => changed ? StoreAsync(cancellationToken) : Task.CompletedTask;

    private TimeSpan FreezeAfterMajor => options.Value.ChangeFreezeAfterMajor;

    // Deadlines, by kind

    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        switch (IncidentDeadline.Parse(name))
        {
            case EventsDeadline:
                await OnEventsDeadlineAsync(cancellationToken);
                break;
            case EscalationDeadline:
                await OnEscalationDeadlineAsync(cancellationToken);
                break;
            case HandoverDeadline:
                await StoreIfAsync(await IncidentEscalation.OnHandoverDeadlineAsync(_incident, due, cancellationToken), cancellationToken);
                break;
            case CommandHandoverDeadline:
                await StoreIfAsync(await CommandHandovers.OnDeadlineAsync(_incident, due, cancellationToken), cancellationToken);
                break;
            case DutyDeadline duty:
                await StoreIfAsync(await DutyClocks.OnDeadlineAsync(_incident, duty, due, cancellationToken), cancellationToken);
                break;
            case TemporaryFixDeadline fix:
                await StoreIfAsync(TemporaryFixes.OnDeadline(_incident, fix, due), cancellationToken);
                break;
            case VendorDeadline vendor:
                await StoreIfAsync(VendorEngagements.OnDeadline(_incident, vendor, due), cancellationToken);
                break;
            case RetentionDeadline:
                await OnRetentionDeadlineAsync(cancellationToken);
                break;
            case UpdateCadenceDeadline:
                await OnUpdateCadenceDeadlineAsync(cancellationToken);
                break;
            case ReadConfirmationDeadline:
                await OnReadConfirmationDeadlineAsync(cancellationToken);
                break;
            case RegulatoryClockDeadline clock:
                await OnRegulatoryClockDeadlineAsync(clock, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// The archive is written before the stub replaces the incident in hot state: a crash in between leaves the incident
    /// whole and its deadline in its shard, which fires again and writes the same archive again.
    /// </summary>
    private async Task OnRetentionDeadlineAsync(CancellationToken cancellationToken)
    {
        if (!_incident.Exists)
        {
            return;
        }
        var unit = await GrainFactory.GetGrain<IBusinessUnitGrain>(State.BusinessUnitId).GetRetention(cancellationToken);
        var now = _incident.Now;
        var (step, at) = IncidentRetention.Next(State, unit, now, options.Value.LegalHoldRecheckInterval);
        switch (step)
        {
            case RetentionStep.Wait:
                await _incident.ArmAsync(RetentionDeadline.Instance, at, cancellationToken);
                break;
            case RetentionStep.Archive:
                _incident.Append(now, IncidentRetention.Actor, TimelineEntryKind.Archived,
                    $"Archived {unit.Policy.ArchiveAfterDays} days after resolution under the business unit's retention");
                var name = IncidentRetention.ArchiveName(State, IncidentId);
                var content = serializer.SerializeToArray(State);
                await archive.WriteAsync(name, content, cancellationToken);
                _incident.Replace(IncidentRetention.Stub(State, new IncidentArchiveRecord(now, name, IncidentRetention.Sha256(content))));
                await StoreAsync(cancellationToken);
                await RecordRetentionAsync("retention/archive", now, cancellationToken);
                if (unit.Policy.DeleteAfterDays > 0)
                {
                    await _incident.ArmAsync(RetentionDeadline.Instance, State.ResolvedAt!.Value.AddDays(unit.Policy.DeleteAfterDays), cancellationToken);
                }
                break;
            case RetentionStep.DeleteArchive:
                await archive.DeleteAsync(State.Archive!.Name, cancellationToken);
                State.Archive = State.Archive with { DeletedAt = now };
                await StoreAsync(cancellationToken);
                await RecordRetentionAsync("retention/delete-archive", now, cancellationToken);
                break;
        }
        logger.LogInformation("Retention of {IncidentId}: {Step}", IncidentId, step);
    }

    private Task RecordRetentionAsync(string operation, DateTimeOffset at, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key(State.BusinessUnitId, DateOnly.FromDateTime(at.UtcDateTime)))
            .Append(new AuditEntry(at, IncidentRetention.Actor, operation, IncidentId, "OK", ""), cancellationToken);

    /// <summary>
    /// A level's time running out pages the next step in the fired deadline's own call rather than through a deadline
    /// armed for now, which cost a shard write, an incident write and a fire before the page: the deadline being fired
    /// stays in its shard until this call returns, so a crash before the store fires it again and pages the same step
    /// with the same keys.
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
                await IncidentEscalation.ArmAsync(_incident, s.NextEscalationAt!.Value, cancellationToken);
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
                await PageStepAsync(now, cancellationToken);
                break;
        }
    }

    /// <summary>
    /// Pages the current step, stores, then arms the deadline for the step's acknowledgement. Only called on a fired
    /// escalation deadline, which its shard keeps until this returns: a crash between the store and the arming fires it
    /// again, and the incident, finding its own deadline still ahead, arms that.
    /// </summary>
    private async Task PageStepAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await IncidentEscalation.PageCurrentStepAsync(_incident, now, logger, cancellationToken);
        await StoreAsync(cancellationToken);
        await IncidentEscalation.ArmAsync(_incident, State.NextEscalationAt!.Value, cancellationToken);
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
            // Not a change of the incident, so its version stays. Should it fail (storage already stopping with the silo),
            // the next activation delivers these events again, which their consumers ignore.
            try
            {
                await _incident.WriteAsync(cancellationToken);
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Forgetting the delivered events of {IncidentId} on deactivation failed", IncidentId);
            }
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
    /// <param name="eventsCoveredByCaller">The caller (the service opening the incident) delivers the events should this silo die first.</param>
    private async Task StoreAsync(CancellationToken cancellationToken, bool eventsCoveredByCaller = false)
    {
        if (_incident.Appends(TimelineEntryKind.Resolved))
        {
            // However it was resolved (by hand, by its alert, by central command), armed before the write like every deadline.
            await IncidentRetention.ArmOnResolvedAsync(_incident, State.ResolvedAt!.Value, cancellationToken);
        }
        // An opening or a raised severity may owe updates from now on; armed before the write like every deadline.
        await UpdateCadences.StartIfOwedAsync(_incident, cancellationToken);
        // A tag or a major declaration, by whatever path, starts the reporting clocks it triggers.
        await RegulatoryClocks.StartTriggeredAsync(_incident, cancellationToken);
        // Anything written behind rides along with this write.
        StopWriteBehind();
        State.Version++;
        var sealedEvents = _incident.SealEvents(homes.LocalRegion);
        var redelivery = sealedEvents > 0 && !eventsCoveredByCaller ? ArmRedeliveryAsync(cancellationToken) : Task.CompletedTask;
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
        _draining = true;
        try
        {
            await events.PublishAsync(delivering, cancellationToken);
        }
        finally
        {
            _draining = false;
        }
        // By number, not position: a change stored meanwhile may have added events behind these.
        var last = delivering[^1].Sequence;
        outbox.RemoveAll(e => e.Sequence <= last);
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
