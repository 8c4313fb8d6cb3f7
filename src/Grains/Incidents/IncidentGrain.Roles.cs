using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Roles and their clocks: each time limit of the incident's severity runs from opening until its
/// duty is met. Missed once, the people on the incident are reminded and get the same time again;
/// missed twice, the incident escalates to the next level of its policy.
/// </summary>
internal sealed partial class IncidentGrain
{
    /// <summary>
    /// The severity central command decided, else the assessed one, else the classification rules',
    /// else the alert's (critical is SEV1, info SEV4).
    /// </summary>
    private IncidentSeverity EffectiveSeverity =>
        _state.State.CentralSeverity ?? _state.State.Impact?.Severity ?? _state.State.Classification?.Severity
        ?? (IncidentSeverity)((int)_state.State.Severity + 1);

    public async Task<IncidentView> AssignRole(IncidentRole role, string responderId, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        ValidateRole(violations, role);
        AlertValidator.Identifier(violations, "assignee_id", responderId, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var s = _state.State;
        var current = s.Roles.Find(r => r.Role == role);
        if (current?.ResponderId == responderId)
        {
            return View();
        }
        var now = clock.GetUtcNow();
        s.Roles.RemoveAll(r => r.Role == role);
        s.Roles.Add(new RoleAssignment(role, responderId, now, action.ResponderId));
        Append(now, action.ResponderId, TimelineEntryKind.RoleAssigned, ResponderActions.WithNote(current is null
            ? $"{RoleName(role)}: {responderId}"
            : $"{RoleName(role)} handed over from {current.ResponderId} to {responderId}", action.Note));
        await StopClockAsync((ResponseDuty)(int)role, cancellationToken);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> ReleaseRole(IncidentRole role, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        ValidateRole(violations, role);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var s = _state.State;
        if (s.Roles.Find(r => r.Role == role) is not { } current)
        {
            return View();
        }
        var now = clock.GetUtcNow();
        s.Roles.Remove(current);
        Append(now, action.ResponderId, TimelineEntryKind.RoleReleased, ResponderActions.WithNote($"{RoleName(role)} {current.ResponderId} released", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>
    /// Runs a clock for every time limit of the current severity whose duty is still open, measured
    /// from opening (due at once if that is past), and stops the clocks no longer called for.
    /// </summary>
    private async Task SetClocksAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var severity = EffectiveSeverity;
        var wanted = s.Status == IncidentStatus.Resolved ? [] : s.TimeLimits.Where(l => l.Severity == severity && !Met(l.Duty)).ToList();
        foreach (var stale in s.Clocks.Where(c => !wanted.Exists(l => l.Duty == c.Duty)).ToList())
        {
            await StopClockAsync(stale.Duty, cancellationToken);
        }
        foreach (var limit in wanted.Where(l => !s.Clocks.Exists(c => c.Duty == l.Duty)))
        {
            var due = s.OpenedAt + limit.Within < now ? now : s.OpenedAt + limit.Within;
            s.Clocks.Add(new DutyClock(limit.Duty, due, Misses: 0));
            await ArmAsync(new DutyDeadline(limit.Duty), due, cancellationToken);
        }
    }

    private async Task StopClockAsync(ResponseDuty duty, CancellationToken cancellationToken)
    {
        if (_state.State.Clocks.RemoveAll(c => c.Duty == duty) > 0)
        {
            DisarmAfterStore(new DutyDeadline(duty));
        }
    }

    private async Task OnDutyDeadlineAsync(DutyDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var now = clock.GetUtcNow();
        var running = s.Clocks.Find(c => c.Duty == deadline.Duty);
        if (!_state.RecordExists || running is null || running.Due != due || now < due || s.Status == IncidentStatus.Resolved)
        {
            return;
        }
        var severity = EffectiveSeverity;
        var within = s.TimeLimits.First(l => l.Duty == running.Duty && l.Severity == severity).Within;
        var missed = $"{SeverityName(severity)}: {Missed(running.Duty)} within {within.TotalMinutes:0.#} min of opening";
        if (running.Misses == 0)
        {
            var reminded = await RemindAsync(running.Duty, missed, now, cancellationToken);
            s.Clocks[s.Clocks.IndexOf(running)] = running with { Due = now + within, Misses = 1 };
            Append(now, "clock", TimelineEntryKind.TimeLimitMissed, $"{missed}; reminded {(reminded.Count == 0 ? "nobody (nobody is on the incident yet)" : string.Join(", ", reminded))}.");
            await ArmAsync(deadline, now + within, cancellationToken);
            await StoreAsync(cancellationToken);
            return;
        }
        s.Clocks.Remove(running);
        await EscalateOrStoreAsync(EscalationEngine.DutyMissedAgain(s.Policy, s.Step, missed), now, cancellationToken);
    }

    /// <summary>Pages whoever carries the incident now: its commander, else who acknowledged it, else who the current step paged.</summary>
    private async Task<List<string>> RemindAsync(ResponseDuty duty, string missed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var people = s.Roles.Find(r => r.Role == IncidentRole.Commander)?.ResponderId is { } commander ? [commander]
            : s.AcknowledgedBy is { } acknowledger ? [acknowledger]
            : s.Step is { } step ? s.Pages.Where(p => p.Level == step.Level + 1 && p.Round == step.Round + 1).Select(p => p.ResponderId).Distinct().ToList()
            : [];
        var records = await Task.WhenAll(people.Select(person => GrainFactory.GetGrain<IResponderGrain>(person)
            .Page(new Page($"{IncidentId}/reminder/{duty}", IncidentId, person, s.Title, s.Severity, 0, 0, missed, now), cancellationToken)));
        foreach (var record in records)
        {
            AddPage(record.Page, rotationId: null, record.Deliveries);
        }
        return people;
    }

    private bool Met(ResponseDuty duty) => duty == ResponseDuty.ImpactAssessment
        ? _state.State.Impact is not null
        : _state.State.Roles.Exists(r => (int)r.Role == (int)duty);

    private static void ValidateRole(ImmutableArray<FieldViolation>.Builder violations, IncidentRole role)
    {
        if (!Enum.IsDefined(role))
        {
            violations.Add(new("role", "must be commander, communications lead, technical lead or scribe."));
        }
    }

    private static string RoleName(IncidentRole role) => role switch
    {
        IncidentRole.Commander => "Commander",
        IncidentRole.CommunicationsLead => "Communications lead",
        IncidentRole.TechnicalLead => "Technical lead",
        _ => "Scribe",
    };

    private static string Missed(ResponseDuty duty) => duty == ResponseDuty.ImpactAssessment
        ? "impact not assessed"
        : $"no {RoleName((IncidentRole)(int)duty).ToLowerInvariant()}";
}
