using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// The business unit's local process: its lifecycle model, its severity matrix and its regulatory
/// tags. Acknowledging and resolving are the model's own transitions into an acknowledged or a
/// resolved state, so that alerts, responders and the model always agree.
/// </summary>
internal sealed partial class IncidentGrain
{
    /// <summary>Incidents stored before units had models follow the SRE model, whose states match their status.</summary>
    private LifecycleModel Model => _state.State.Lifecycle ?? BusinessUnitDefaults.Sre;

    private string CurrentState => _state.State.LifecycleState ?? _state.State.Status switch
    {
        IncidentStatus.Triggered => "triggered",
        IncidentStatus.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    public async Task<IncidentView> Transition(string to, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        var model = Model;
        var from = CurrentState;
        var target = model.State(to)
            ?? throw new InvalidRequestException("state", $"'{to}' is not a state of the {model.Name} lifecycle; its states are {string.Join(", ", model.States.Select(s => $"'{s.Name}'"))}.");
        if (from == to)
        {
            return View();
        }
        if (target.Phase == LifecyclePhase.Closed && _state.State.CentralCommand is { } central)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is under central command of enterprise-wide event '{central.EventId}', " +
                "which decides its closing; it closes once the event hands it back or closes.");
        }
        if (!model.Allows(from, to))
        {
            var next = model.Transitions.Where(t => t.From == from).Select(t => $"'{t.To}'").ToList();
            throw new IllegalTransitionException($"Incident '{IncidentId}' is '{from}'; the {model.Name} lifecycle of business unit " +
                $"'{_state.State.BusinessUnitId}' allows {(next.Count == 0 ? "no further transition" : "only " + string.Join(", ", next))} from there.");
        }
        if (target.Phase == LifecyclePhase.Closed)
        {
            await EnsureMayCloseAsync(cancellationToken);
        }
        var now = clock.GetUtcNow();
        await EnterAsync(target, from, now, action, cancellationToken);
        return View();
    }

    public async Task<IncidentView> AssessImpact(BusinessImpact impact, Urgency urgency, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (!Enum.IsDefined(impact))
        {
            violations.Add(new("impact", "must be extensive, significant, moderate or minor."));
        }
        if (!Enum.IsDefined(urgency))
        {
            violations.Add(new("urgency", "must be critical, high, medium or low."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        if (_state.State.CentralCommand is { } central)
        {
            throw new IllegalTransitionException($"The severity of incident '{IncidentId}' is decided by central command of enterprise-wide event '{central.EventId}'.");
        }
        var unit = await BusinessUnitPolicyAsync(cancellationToken);
        var severity = unit.Severity.Classify(impact, urgency);
        _state.State.CentralSeverity = null;
        var now = clock.GetUtcNow();
        _state.State.Impact = new ImpactAssessment(impact, urgency, severity, action.ResponderId, now, action.Note);
        // Assessed: that clock stops, and the new severity's limits apply from opening.
        await SetClocksAsync(now, cancellationToken);
        Append(now, action.ResponderId, TimelineEntryKind.ImpactAssessed,
            ResponderActions.WithNote($"Assessed impact {impact}, urgency {urgency}: {SeverityName(severity)} by the severity matrix of business unit '{unit.Id}'", action.Note));
        var declared = severity == IncidentSeverity.Sev1 && _state.State.Major is null && _state.State.Status != IncidentStatus.Resolved;
        if (declared)
        {
            await ActivateMajorAsync(unit, MajorIncidentCriterion.Sev1, null, action.ResponderId, null, now, cancellationToken);
        }
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> TagRegulatory(ImmutableArray<string> tags, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (tags.IsDefaultOrEmpty)
        {
            violations.Add(new("tags", "name at least one regulatory tag."));
        }
        else
        {
            for (var i = 0; i < tags.Length; i++)
            {
                AlertValidator.Identifier(violations, $"tags[{i}]", tags[i], required: true);
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var unit = await BusinessUnitPolicyAsync(cancellationToken);
        var known = unit.RegulatoryTags.ToDictionary(t => t.Tag, StringComparer.Ordinal);
        var unknown = tags.Where(t => !known.ContainsKey(t)).Select(t => new FieldViolation("tags",
            $"'{t}' is not a regulatory tag of business unit '{unit.Id}'; its tags are {(known.Count == 0 ? "none" : string.Join(", ", known.Keys.Select(k => $"'{k}'")))}.")).ToImmutableArray();
        if (unknown.Length > 0)
        {
            throw new InvalidRequestException(unknown);
        }

        var s = _state.State;
        var added = tags.Distinct().Where(t => !s.RegulatoryTags.Contains(t)).ToList();
        if (added.Count == 0)
        {
            return View();
        }
        var now = clock.GetUtcNow();
        foreach (var tag in added)
        {
            var newcomers = known[tag].Stakeholders.Where(p => !s.Stakeholders.Contains(p)).ToList();
            // Paged before the incident stores them: a crash in between pages again under the same keys, which the responders ignore.
            var records = await Task.WhenAll(newcomers.Select(person => GrainFactory.GetGrain<IResponderGrain>(person)
                .Page(new Page($"{IncidentId}/stakeholder/{person}", IncidentId, person, s.Title, s.Severity, 0, 0, $"stakeholder: {tag}", now), cancellationToken)));
            foreach (var record in records)
            {
                AddPage(record.Page, rotationId: null, record.Deliveries);
            }
            s.RegulatoryTags.Add(tag);
            s.Stakeholders.AddRange(newcomers);
            Append(now, action.ResponderId, TimelineEntryKind.RegulatoryTagged, ResponderActions.WithNote(newcomers.Count == 0
                ? $"Tagged {tag}; its stakeholders were already involved"
                : $"Tagged {tag}: {string.Join(", ", newcomers)} pulled in as stakeholders and notified", action.Note));
        }
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>The model's own acknowledged state that the current one leads to.</summary>
    private LifecycleState AcknowledgedState() =>
        Model.NextIn(CurrentState, LifecyclePhase.Acknowledged)
        ?? throw new IllegalTransitionException($"Incident '{IncidentId}' is '{CurrentState}'; the {Model.Name} lifecycle has no transition from there to an acknowledged state.");

    /// <summary>The model's own resolved state that the current one leads to; every unresolved state has one.</summary>
    private LifecycleState ResolvedState() =>
        Model.NextIn(CurrentState, LifecyclePhase.Resolved)
        ?? throw new IllegalTransitionException($"Incident '{IncidentId}' is '{CurrentState}'; the {Model.Name} lifecycle has no transition from there to a resolved state.");

    /// <summary>Applies what entering a state means to the shared process, then records and stores it.</summary>
    private async Task EnterAsync(LifecycleState target, string from, DateTimeOffset now, ResponderAction action, CancellationToken cancellationToken)
    {
        var s = _state.State;
        s.LifecycleState = target.Name;
        var kind = TimelineEntryKind.StateChanged;
        IncidentEventData data = new StateMoved(from, target.Name, ByPagedResponder: false);
        switch (target.Phase)
        {
            case LifecyclePhase.Acknowledged or LifecyclePhase.Mitigated when s.Status == IncidentStatus.Triggered:
                s.Status = IncidentStatus.Acknowledged;
                s.AcknowledgedAt = now;
                s.AcknowledgedBy = action.ResponderId;
                kind = TimelineEntryKind.Acknowledged;
                data = new StateMoved(from, target.Name, ByPagedResponder: s.Pages.Exists(p => p.ResponderId == action.ResponderId));
                await StopEscalationAsync(cancellationToken);
                break;
            case LifecyclePhase.Acknowledged or LifecyclePhase.Mitigated when s.Status == IncidentStatus.Resolved:
                // Reopened by hand: worked on again, but nobody is paged anew.
                s.Status = IncidentStatus.Acknowledged;
                s.ResolvedAt = null;
                s.ResolvedBy = null;
                break;
            case LifecyclePhase.Resolved when s.Status != IncidentStatus.Resolved:
                s.Status = IncidentStatus.Resolved;
                s.ResolvedAt = now;
                s.ResolvedBy = action.ResponderId;
                s.PendingHandover = null;
                kind = TimelineEntryKind.Resolved;
                await StopEscalationAsync(cancellationToken);
                await SetClocksAsync(now, cancellationToken);
                data = new Resolution(from, target.Name, [.. s.Pages.Select(p => p.RotationId).OfType<string>().Distinct()]);
                break;
        }
        var what = kind switch
        {
            TimelineEntryKind.Acknowledged => "Acknowledged",
            TimelineEntryKind.Resolved => "Resolved",
            _ => "Moved",
        };
        Append(now, action.ResponderId, kind, ResponderActions.WithNote($"{what} ({from} → {target.Name})", action.Note), data);
        if (kind == TimelineEntryKind.Resolved)
        {
            await FreezeChangesAfterMajorAsync(now, cancellationToken);
        }
        await StoreAsync(cancellationToken);
    }

    /// <summary>Recorded on the service before the resolve is stored: a retried resolve records the same freeze once.</summary>
    private async Task FreezeChangesAfterMajorAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (_state.State.Major is null)
        {
            return;
        }
        var until = now + options.Value.ChangeFreezeAfterMajor;
        await GrainFactory.GetGrain<IServiceGrain>(_state.State.ServiceId).RecordChangeFreeze(new ChangeFreeze(IncidentId, now, until), cancellationToken);
        Append(now, "policy", TimelineEntryKind.ChangesFrozen, $"Change freeze on service '{_state.State.ServiceId}' until {until:u} after this major incident.");
    }

    private Task<BusinessUnitDefinition> BusinessUnitPolicyAsync(CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IBusinessUnitGrain>(_state.State.BusinessUnitId).GetPolicy(cancellationToken);

    private LifecycleView LifecycleView()
    {
        var current = CurrentState;
        return new LifecycleView(Model.Name, current, [.. Model.Transitions.Where(t => t.From == current).Select(t => t.To)]);
    }

    private static string SeverityName(IncidentSeverity severity) => $"SEV{(int)severity}";
}
