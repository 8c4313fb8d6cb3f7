using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Alerts;
using IncidentActors.Incidents;
using IncidentActors.OnCall;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Command;

/// <summary>
/// Decisions reach the child incidents before the event stores them, each under an id the
/// incidents record once: a decision interrupted by a crash is repeated, never half-recorded twice. A published update
/// is stored with the incidents it has yet to reach before it goes out, and the fan-out deadline sends it again to those
/// it did not reach; each incident keeps it once by event and update number.
/// </summary>
internal sealed class CommandCenterGrain(
    [PersistentState("enterpriseEvent", StorageNames.Incidents)] IPersistentState<EnterpriseEventState> state,
    TimeProvider clock,
    IOptions<CommandOptions> options,
    ILogger<CommandCenterGrain> logger) : Grain, ICommandCenterGrain
{
    public const int MaxTitleLength = 255;
    public const int MaxMessageLength = 4096;
    public const int MaxSubjectLength = 1024;
    public const int MaxBodyLength = 32_768;
    public const string FanOutDeadline = "event-fanout";
    public const string CentralHandoverDeadline = "central-handover";

    private OwnedDeadlines? _deadlines;

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    private string EventId => this.GetPrimaryKeyString();

    public async Task<EnterpriseEventView> Open(string title, string commander, ResponderAction action, CancellationToken cancellationToken = default)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Text(violations, "title", title, MaxTitleLength, required: true);
        AlertValidator.Identifier(violations, "commander", commander, required: true);
        AlertValidator.Identifier(violations, "responder_id", action.ResponderId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        if (state.RecordExists)
        {
            return state.State.ClosedAt is null ? View() : throw new IllegalTransitionException($"Enterprise-wide event '{EventId}' is closed.");
        }
        var now = clock.GetUtcNow();
        var s = state.State;
        s.Title = title;
        s.Commander = commander;
        s.OpenedAt = now;
        Append(now, action.ResponderId, TimelineEntryKind.Opened, ResponderActions.WithNote($"Opened enterprise-wide event '{title}' under central command of {commander}", action.Note));
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    public Task<EnterpriseEventView> Get(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        return Task.FromResult(View());
    }

    public async Task<EnterpriseEventView> Attach(string incidentId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        RequireIncidentId(incidentId);
        RequireCommandingOpenEvent(action);
        var s = state.State;
        if (s.Children.Exists(c => c.IncidentId == incidentId && c.Status == EventChildStatus.CentralCommand))
        {
            return View();
        }
        var incident = GrainFactory.GetGrain<IIncidentGrain>(incidentId);
        var taken = await incident.PlaceUnderCentralCommand(EventId, s.Commander, action.ResponderId, cancellationToken);
        var now = clock.GetUtcNow();
        if (s.Severity is { } severity)
        {
            await incident.RecordCentralDecision($"{EventId}#{s.Timeline.Count}", Decision(severity, $"severity is {Name(severity)}", action), cancellationToken);
        }
        s.Children.RemoveAll(c => c.IncidentId == incidentId);
        s.Children.Add(new EventChild(incidentId, taken.BusinessUnitId, EventChildStatus.CentralCommand, now));
        Append(now, action.ResponderId, TimelineEntryKind.CentralCommandTaken,
            ResponderActions.WithNote($"Took incident '{incidentId}' of business unit '{taken.BusinessUnitId}' under central command", action.Note));
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    public async Task<EnterpriseEventView> HandBack(string incidentId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        RequireIncidentId(incidentId);
        RequireCommandingOpenEvent(action);
        var s = state.State;
        var index = s.Children.FindIndex(c => c.IncidentId == incidentId && c.Status == EventChildStatus.CentralCommand);
        if (index < 0)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' is not under central command of enterprise-wide event '{EventId}'.");
        }
        await GrainFactory.GetGrain<IIncidentGrain>(incidentId).ReturnToLocalCommand(EventId, action.ResponderId, cancellationToken);
        var now = clock.GetUtcNow();
        s.Children[index] = s.Children[index] with { Status = EventChildStatus.HandedBack, Since = now };
        Append(now, action.ResponderId, TimelineEntryKind.HandedBackToLocalCommand,
            ResponderActions.WithNote($"Handed incident '{incidentId}' back to business unit '{s.Children[index].BusinessUnitId}'", action.Note));
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    public async Task<EnterpriseEventView> DecideSeverity(IncidentSeverity severity, ResponderAction action, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(severity))
        {
            throw new InvalidRequestException("severity", "must be SEV1 to SEV4.");
        }
        RequireCommandingOpenEvent(action);
        var message = $"severity is {Name(severity)}";
        await DecideAsync(Decision(severity, message, action));
        state.State.Severity = severity;
        Append(clock.GetUtcNow(), action.ResponderId, TimelineEntryKind.CentralDecision, ResponderActions.WithNote($"Decided: {message}", action.Note));
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    public async Task<EnterpriseEventView> Communicate(string message, ResponderAction action, CancellationToken cancellationToken = default)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Text(violations, "message", message, MaxMessageLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        RequireCommandingOpenEvent(action);
        await DecideAsync(new CentralDecision(EventId, null, $"external update: {message}", action.ResponderId));
        var now = clock.GetUtcNow();
        state.State.Communications.Add(new EventCommunication(message, action.ResponderId, now));
        Append(now, action.ResponderId, TimelineEntryKind.CentralDecision, $"External update: {message}");
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    public async Task<EnterpriseEventView> DraftUpdate(UpdateAudience audience, string subject, string body, ResponderAction action,
        CancellationToken cancellationToken = default)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (!Enum.IsDefined(audience))
        {
            violations.Add(new FieldViolation("audience", "must be one of the update audiences."));
        }
        AlertValidator.Text(violations, "subject", subject, MaxSubjectLength, required: true);
        AlertValidator.Text(violations, "body", body, MaxBodyLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        RequireCommandingOpenEvent(action);
        var s = state.State;
        var now = clock.GetUtcNow();
        var update = new CentralUpdate(EventId, s.Updates.Count + 1, audience, subject, body, UpdateStatus.Draft, action.ResponderId, now);
        s.Updates.Add(update);
        Append(now, action.ResponderId, TimelineEntryKind.UpdateDrafted,
            ResponderActions.WithNote($"Event update {update.Number} for {CommunicationRules.Name(audience)} drafted", action.Note));
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    /// <summary>Four eyes, once for every incident: an approver of central command other than the drafter.</summary>
    public async Task<EnterpriseEventView> ApproveUpdate(int number, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var update = FindUpdate(number);
        if (update.Status != UpdateStatus.Draft)
        {
            throw new IllegalTransitionException($"Event update {number} is {update.Status.ToString().ToLowerInvariant()} already.");
        }
        if (!options.Value.Approvers.Contains(action.ResponderId))
        {
            throw new PermissionDeniedException($"{action.ResponderId} is not one of central command's approvers of event updates.");
        }
        if (action.ResponderId == update.DraftedBy)
        {
            throw new PermissionDeniedException($"{action.ResponderId} drafted event update {number}; another of central command's approvers must approve it.");
        }
        var now = clock.GetUtcNow();
        ReplaceUpdate(update with { Status = UpdateStatus.Approved, ApprovedBy = action.ResponderId, ApprovedAt = now });
        Append(now, action.ResponderId, TimelineEntryKind.UpdateApproved,
            ResponderActions.WithNote($"Event update {number} for {CommunicationRules.Name(update.Audience)} approved", action.Note));
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    /// <summary>
    /// Stored with every commanded incident pending, under an armed fan-out deadline, before any incident hears of it:
    /// a crash anywhere after leaves the update to the deadline, never lost and never published twice.
    /// </summary>
    public async Task<EnterpriseEventView> PublishUpdate(int number, ResponderAction action, CancellationToken cancellationToken = default)
    {
        RequireCommandingOpenEvent(action);
        var update = FindUpdate(number);
        if (update.Status != UpdateStatus.Approved)
        {
            throw new IllegalTransitionException(update.Status == UpdateStatus.Draft
                ? $"Event update {number} needs approval by one of central command's approvers first."
                : $"Event update {number} was published at {update.PublishedAt:O}.");
        }
        var now = clock.GetUtcNow();
        var pending = CommandedChildren().Select(c => c.IncidentId).ToImmutableArray();
        ReplaceUpdate(update with { Status = UpdateStatus.Published, PublishedBy = action.ResponderId, PublishedAt = now, Pending = pending, Delivered = [] });
        Append(now, action.ResponderId, TimelineEntryKind.UpdatePublished,
            ResponderActions.WithNote($"Event update {number} for {CommunicationRules.Name(update.Audience)} published to {pending.Length} incidents", action.Note));
        await Deadlines.ArmAsync(FanOutDeadline, now + options.Value.FanOutRetryDelay, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        var done = await FanOutAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        if (done)
        {
            await Deadlines.DisarmAsync(FanOutDeadline, cancellationToken);
        }
        return View();
    }

    /// <summary>Sends each published update again to the incidents it has not reached; stored first, armed again after.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (name == CentralHandoverDeadline)
        {
            await OnCentralHandoverAsync(cancellationToken);
            return;
        }
        if (name != FanOutDeadline || !state.RecordExists || !state.State.Updates.Exists(u => !u.Pending.IsDefaultOrEmpty))
        {
            return;
        }
        var done = await FanOutAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        if (!done)
        {
            await Deadlines.ArmAsync(FanOutDeadline, clock.GetUtcNow() + options.Value.FanOutRetryDelay, cancellationToken);
        }
    }

    public async Task<EnterpriseEventView> FollowTheSun(string rotationId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "rotation_id", rotationId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        RequireCommandingOpenEvent(action);
        var rotation = await GrainFactory.GetGrain<IOnCallRotationGrain>(rotationId).Get(cancellationToken);
        if (rotation.Definition.FollowTheSun.IsDefaultOrEmpty)
        {
            throw new InvalidRequestException("rotation_id", $"rotation '{rotationId}' does not follow the sun.");
        }
        var s = state.State;
        var now = clock.GetUtcNow();
        s.CentralRotationId = rotationId;
        s.NextCentralBoundary = await NextBoundaryAsync(rotationId, now, cancellationToken);
        Append(now, action.ResponderId, TimelineEntryKind.CentralDecision, ResponderActions.WithNote(
            $"Central command follows the sun with rotation '{rotationId}'; next handover at {s.NextCentralBoundary:O}", action.Note));
        await ArmCentralHandoverAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    /// <summary>
    /// Anyone but the person offered central command is refused as an illegal transition (FAILED_PRECONDITION), as
    /// for an incident's command handover. The new commander is recorded in every commanded incident first.
    /// </summary>
    public async Task<EnterpriseEventView> AcceptCentralCommand(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        var s = state.State;
        if (s.ClosedAt is not null)
        {
            throw new IllegalTransitionException($"Enterprise-wide event '{EventId}' is closed.");
        }
        var pending = s.PendingCentralHandover
            ?? throw new IllegalTransitionException($"Enterprise-wide event '{EventId}' has no central command handover waiting to be accepted.");
        if (pending.IncomingCommander != action.ResponderId)
        {
            throw new IllegalTransitionException($"Central command of enterprise-wide event '{EventId}' was offered to {pending.IncomingCommander}; only they can accept it.");
        }
        await DecideAsync(new CentralDecision(EventId, null, $"central command passes from {pending.OutgoingCommander} to {action.ResponderId}",
            action.ResponderId, NewCommander: action.ResponderId));
        s.Commander = action.ResponderId;
        s.PendingCentralHandover = null;
        Append(clock.GetUtcNow(), action.ResponderId, TimelineEntryKind.CommandHandoverAccepted,
            ResponderActions.WithNote($"Accepted central command from {pending.OutgoingCommander}", action.Note));
        await ArmCentralHandoverAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    /// <summary>
    /// One deadline for both the rotation's next boundary and a waiting offer's accept-by, whichever is due; each acts once
    /// because the state it acts on is cleared or moved on before the store. Pages go out before the store under keys
    /// the responders keep once, so a crash in between repeats no page.
    /// </summary>
    private async Task OnCentralHandoverAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (!state.RecordExists || s.ClosedAt is not null || s.CentralRotationId is not { } rotationId)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var changed = false;
        if (s.PendingCentralHandover is { } pending && now >= pending.AcceptBy)
        {
            s.PendingCentralHandover = null;
            await PageAsync(pending.OutgoingCommander, $"{EventId}/central-kept/{pending.Boundary.UtcTicks}/{pending.OutgoingCommander}",
                $"central command not accepted by {pending.IncomingCommander}: you stay in central command", now, cancellationToken);
            Append(now, "escalation", TimelineEntryKind.CommandHandoverEscalated,
                $"{pending.IncomingCommander} did not accept central command in time; {pending.OutgoingCommander} stays in central command and was paged.");
            changed = true;
        }
        if (s.NextCentralBoundary is { } boundary && now >= boundary)
        {
            await OfferAsync(rotationId, boundary, now, cancellationToken);
            s.NextCentralBoundary = await NextBoundaryAsync(rotationId, now, cancellationToken);
            changed = true;
        }
        await ArmCentralHandoverAsync(cancellationToken);
        if (changed)
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>Offers central command to whoever is on call at the boundary, unless they hold it already.</summary>
    private async Task OfferAsync(string rotationId, DateTimeOffset boundary, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = state.State;
        if (await GrainFactory.GetGrain<IOnCallRotationGrain>(rotationId).OnCallAt(boundary, cancellationToken) is not { } shift
            || shift.ResponderId == s.Commander)
        {
            return;
        }
        var window = options.Value.CentralHandoverAcceptWithin;
        s.PendingCentralHandover = new PendingCentralHandover(rotationId, shift.Region, s.Commander, shift.ResponderId, boundary, now + window);
        await PageAsync(shift.ResponderId, $"{EventId}/central-handover/{boundary.UtcTicks}/{shift.ResponderId}",
            $"central command of '{s.Title}' offered to you{(shift.Region is { } r ? $" for {r}" : "")}: accept within {window}", now, cancellationToken);
        Append(now, "rotation:" + rotationId, TimelineEntryKind.CommandHandoverProposed,
            $"Follow-the-sun handover{(shift.Region is { } region ? $" to {region}" : "")}: central command offered from {s.Commander} to {shift.ResponderId}, " +
            $"who must accept within {window}; {s.Commander} stays in central command until then.");
    }

    private Task PageAsync(string person, string key, string reason, DateTimeOffset now, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IResponderGrain>(person)
            .Page(new Page(key, EventId, person, state.State.Title, AlertSeverity.Critical, 0, 0, reason, now), cancellationToken);

    /// <summary>The end of the shift on call now, or the start of the next when nobody is; null when none is scheduled.</summary>
    private async Task<DateTimeOffset?> NextBoundaryAsync(string rotationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var shifts = await GrainFactory.GetGrain<IOnCallRotationGrain>(rotationId).NextShifts(now, 1, cancellationToken);
        return shifts.IsDefaultOrEmpty ? null : shifts[0].Start > now ? shifts[0].Start : shifts[0].End;
    }

    /// <summary>Armed at the earlier of a waiting offer's accept-by and the next boundary.</summary>
    private Task ArmCentralHandoverAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        DateTimeOffset? due = s.PendingCentralHandover is { } pending && (s.NextCentralBoundary is not { } next || pending.AcceptBy < next)
            ? pending.AcceptBy
            : s.NextCentralBoundary;
        return due is { } at ? Deadlines.ArmAsync(CentralHandoverDeadline, at, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Delivers every pending update to its incidents; true once none is pending.</summary>
    private async Task<bool> FanOutAsync(CancellationToken cancellationToken)
    {
        var updates = state.State.Updates;
        for (var i = 0; i < updates.Count; i++)
        {
            if (updates[i].Pending.IsDefaultOrEmpty)
            {
                continue;
            }
            var update = updates[i];
            var results = await Task.WhenAll(update.Pending.Select(async incidentId => (incidentId, Delivered: await DeliverAsync(update, incidentId, cancellationToken))));
            var delivered = results.Where(r => r.Delivered).Select(r => r.incidentId).ToList();
            updates[i] = update with { Pending = update.Pending.RemoveRange(delivered), Delivered = update.Delivered.AddRange(delivered) };
        }
        return updates.TrueForAll(u => u.Pending.IsDefaultOrEmpty);
    }

    private async Task<bool> DeliverAsync(CentralUpdate update, string incidentId, CancellationToken cancellationToken)
    {
        try
        {
            await GrainFactory.GetGrain<IIncidentGrain>(incidentId).ReceiveEventUpdate(update with { Pending = [], Delivered = [] }, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Event update {EventId}/{Number} did not reach incident {IncidentId}; the fan-out deadline sends it again", EventId, update.Number, incidentId);
            return false;
        }
    }

    private CentralUpdate FindUpdate(int number)
    {
        EnsureExists();
        return state.State.Updates.Find(u => u.Number == number) ?? throw new ResourceNotFoundException("Event update", $"{EventId}/{number}");
    }

    private void ReplaceUpdate(CentralUpdate update) => state.State.Updates[update.Number - 1] = update;

    public async Task<EnterpriseEventView> Close(ResponderAction action, CancellationToken cancellationToken = default)
    {
        RequireCommandingOpenEvent(action);
        var commanded = CommandedChildren().ToList();
        var views = await Task.WhenAll(commanded.Select(c => GrainFactory.GetGrain<IIncidentGrain>(c.IncidentId).Get(cancellationToken)));
        var open = views.Where(v => v.Status != IncidentStatus.Resolved).Select(v => v.Id).ToList();
        if (open.Count > 0)
        {
            throw new IllegalTransitionException($"Enterprise-wide event '{EventId}' cannot close while incidents under its command are unresolved: " +
                $"{string.Join(", ", open)}. Resolve them or hand them back first.");
        }
        await DecideAsync(new CentralDecision(EventId, null, "the event is closed; local command may close this incident", action.ResponderId, EndsCentralCommand: true));
        var now = clock.GetUtcNow();
        state.State.ClosedAt = now;
        Append(now, action.ResponderId, TimelineEntryKind.EventClosed, ResponderActions.WithNote("Closed the enterprise-wide event", action.Note));
        await state.WriteStateAsync(cancellationToken);
        if (state.State.CentralRotationId is not null)
        {
            await Deadlines.DisarmAsync(CentralHandoverDeadline, cancellationToken);
        }
        return View();
    }

    /// <summary>Records the decision in every incident still under this event's command.</summary>
    private Task DecideAsync(CentralDecision decision)
    {
        var decisionId = $"{EventId}#{state.State.Timeline.Count}";
        return Task.WhenAll(CommandedChildren().Select(c => GrainFactory.GetGrain<IIncidentGrain>(c.IncidentId).RecordCentralDecision(decisionId, decision)));
    }

    private IEnumerable<EventChild> CommandedChildren() => state.State.Children.Where(c => c.Status == EventChildStatus.CentralCommand);

    private CentralDecision Decision(IncidentSeverity severity, string message, ResponderAction action) =>
        new(EventId, severity, message, action.ResponderId);

    private void RequireCommandingOpenEvent(ResponderAction action)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        if (state.State.ClosedAt is not null)
        {
            throw new IllegalTransitionException($"Enterprise-wide event '{EventId}' is closed.");
        }
        if (action.ResponderId != state.State.Commander)
        {
            throw new PermissionDeniedException($"Only the central commander of enterprise-wide event '{EventId}', {state.State.Commander}, decides for it.");
        }
    }

    private static void RequireIncidentId(string incidentId)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "incident_id", incidentId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private void EnsureExists()
    {
        if (!state.RecordExists)
        {
            throw new ResourceNotFoundException("Enterprise-wide event", EventId);
        }
    }

    private void Append(DateTimeOffset at, string actor, TimelineEntryKind kind, string message) =>
        TimelineChain.Append(state.State.Timeline, TimelineOwner.EnterpriseEvent(EventId), at, actor, kind, message);

    private static string Name(IncidentSeverity severity) => $"SEV{(int)severity}";

    private EnterpriseEventView View()
    {
        var s = state.State;
        return new EnterpriseEventView(EventId, s.Title, s.Commander, s.OpenedAt, s.ClosedAt, s.Severity,
            [.. s.Children], [.. s.Communications], [.. s.Timeline], [.. s.Updates], s.CentralRotationId, s.PendingCentralHandover);
    }
}
