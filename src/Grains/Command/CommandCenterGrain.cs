using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Storage;

namespace IncidentActors.Command;

/// <summary>
/// Decisions reach the child incidents before the event stores them, each under an id the
/// incidents record once: a decision interrupted by a crash is repeated, never half-recorded twice.
/// </summary>
internal sealed class CommandCenterGrain(
    [PersistentState("enterpriseEvent", StorageNames.Incidents)] IPersistentState<EnterpriseEventState> state,
    TimeProvider clock) : Grain, ICommandCenterGrain
{
    public const int MaxTitleLength = 255;
    public const int MaxMessageLength = 4096;

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
            [.. s.Children], [.. s.Communications], [.. s.Timeline]);
    }
}
