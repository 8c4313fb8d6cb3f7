using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>
/// Central command of an enterprise-wide event over this incident: the event decides severity,
/// external communication and closing, recorded here as it decides; local command keeps
/// acknowledging, working and resolving.
/// </summary>
internal sealed partial class IncidentGrain
{
    private const int AppliedDecisionsKept = 200;

    public async Task<IncidentView> PlaceUnderCentralCommand(string eventId, string commander, string actor, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        var s = _state.State;
        if (s.CentralCommand?.EventId == eventId)
        {
            return View();
        }
        if (s.CentralCommand is { } other)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is under central command of enterprise-wide event '{other.EventId}'; that event must hand it back first.");
        }
        if (Model.State(CurrentState)?.Phase == LifecyclePhase.Closed)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is closed.");
        }
        var now = clock.GetUtcNow();
        s.CentralCommand = new CentralCommand(eventId, commander, now);
        Append(now, actor, TimelineEntryKind.CentralCommandTaken,
            $"Taken under central command of enterprise-wide event '{eventId}' (commander {commander}); local command keeps the technical work.");
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task ReturnToLocalCommand(string eventId, string actor, CancellationToken cancellationToken = default)
    {
        var s = _state.State;
        if (!_state.RecordExists || s.CentralCommand?.EventId != eventId)
        {
            return;
        }
        var now = clock.GetUtcNow();
        s.CentralCommand = null;
        Append(now, actor, TimelineEntryKind.HandedBackToLocalCommand, $"Handed back to local command by enterprise-wide event '{eventId}'.");
        await StoreAsync(cancellationToken);
    }

    public async Task RecordCentralDecision(string decisionId, CentralDecision decision, CancellationToken cancellationToken = default)
    {
        var s = _state.State;
        if (!_state.RecordExists || s.CentralCommand?.EventId != decision.EventId || s.AppliedDecisions.Contains(decisionId))
        {
            return;
        }
        var now = clock.GetUtcNow();
        if (decision.Severity is { } severity)
        {
            s.CentralSeverity = severity;
            await SetClocksAsync(now, cancellationToken);
        }
        Append(now, decision.DecidedBy, TimelineEntryKind.CentralDecision, $"Central command of enterprise-wide event '{decision.EventId}': {decision.Message}");
        if (decision.EndsCentralCommand)
        {
            s.CentralCommand = null;
        }
        s.AppliedDecisions.Add(decisionId);
        if (s.AppliedDecisions.Count > AppliedDecisionsKept)
        {
            s.AppliedDecisions.RemoveAt(0);
        }
        await StoreAsync(cancellationToken);
    }
}
