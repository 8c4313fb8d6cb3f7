using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
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
            [.. s.Children], [.. s.Communications], [.. s.Timeline], [.. s.Updates]);
    }
}
