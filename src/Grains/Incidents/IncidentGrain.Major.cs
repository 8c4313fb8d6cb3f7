using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Command;
using IncidentActors.Errors;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Major incidents: declared by criteria or by hand, with the activation recorded (bridge,
/// participants, stakeholders told), and stood down only once restoration is verified and the
/// stakeholders confirmed it, never on a technical resolve alone.
/// </summary>
internal sealed partial class IncidentGrain
{
    public const int MaxDetailLength = 2048;

    public async Task<IncidentView> DeclareMajor(MajorIncidentCriterion criterion, string? bridge, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (!Enum.IsDefined(criterion))
        {
            violations.Add(new("criterion", "must be SEV1, SLA breach risk, executive escalation or by hand."));
        }
        AlertValidator.Text(violations, "bridge", bridge, MaxDetailLength, required: false);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        if (_state.State.Major is not null)
        {
            return View();
        }
        if (_state.State.Status == IncidentStatus.Resolved)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is resolved; a resolved incident is not declared major.");
        }
        var unit = await BusinessUnitPolicyAsync(cancellationToken);
        await ActivateMajorAsync(unit, criterion, bridge, action.ResponderId, action.Note, clock.GetUtcNow(), cancellationToken);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> JoinBridge(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var major = RequireMajor();
        if (major.Participants.Contains(action.ResponderId))
        {
            return View();
        }
        var now = clock.GetUtcNow();
        _state.State.Major = major with { Participants = major.Participants.Add(action.ResponderId) };
        Append(now, action.ResponderId, TimelineEntryKind.BridgeJoined, ResponderActions.WithNote($"{action.ResponderId} joined the bridge", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> VerifyRestoration(RestorationEvidence evidence, string detail, ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (!Enum.IsDefined(evidence))
        {
            violations.Add(new("evidence", "must be a health check or a user confirmation."));
        }
        AlertValidator.Text(violations, "detail", detail, MaxDetailLength, required: true);
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        EnsureExists();
        var now = clock.GetUtcNow();
        var verification = new RestorationVerification(evidence, detail, action.ResponderId, now);
        _state.State.Restoration = verification;
        if (_state.State.Major is { } major)
        {
            _state.State.Major = major with { Restoration = verification };
        }
        Append(now, action.ResponderId, TimelineEntryKind.RestorationVerified,
            ResponderActions.WithNote($"Restoration verified by {(evidence == RestorationEvidence.HealthCheck ? "health check" : "user confirmation")}: {detail}", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> ConfirmRestoration(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var major = RequireMajor();
        if (major.Restoration is null && _state.State.Restoration is null)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' has no verified restoration to confirm yet.");
        }
        if (!major.NotifiedStakeholders.Contains(action.ResponderId))
        {
            throw new IllegalTransitionException($"{action.ResponderId} is not a notified stakeholder of incident '{IncidentId}'; " +
                $"those are {(major.NotifiedStakeholders.IsEmpty ? "nobody" : string.Join(", ", major.NotifiedStakeholders))}.");
        }
        if (major.Confirmations.Any(c => c.StakeholderId == action.ResponderId))
        {
            return View();
        }
        var now = clock.GetUtcNow();
        _state.State.Major = major with { Confirmations = major.Confirmations.Add(new StakeholderConfirmation(action.ResponderId, now)) };
        Append(now, action.ResponderId, TimelineEntryKind.RestorationConfirmed, ResponderActions.WithNote($"{action.ResponderId} confirmed the restoration", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<IncidentView> Deescalate(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        var major = RequireMajor();
        if (major.DeescalatedAt is not null)
        {
            return View();
        }
        var missing = new List<string>();
        if (_state.State.Status != IncidentStatus.Resolved)
        {
            missing.Add("the incident is not resolved");
        }
        if (major.Restoration is null && _state.State.Restoration is null)
        {
            missing.Add("restoration is not verified (a health check or user confirmation)");
        }
        var unconfirmed = major.NotifiedStakeholders.Where(p => !major.Confirmations.Any(c => c.StakeholderId == p)).ToList();
        if (unconfirmed.Count > 0)
        {
            missing.Add($"not confirmed by {string.Join(", ", unconfirmed)}");
        }
        if (missing.Count > 0)
        {
            throw new IllegalTransitionException($"Major incident '{IncidentId}' cannot be de-escalated yet: {string.Join("; ", missing)}.");
        }
        var now = clock.GetUtcNow();
        _state.State.Major = major with { DeescalatedAt = now, DeescalatedBy = action.ResponderId };
        Append(now, action.ResponderId, TimelineEntryKind.MajorDeescalated, ResponderActions.WithNote("Major incident de-escalated", action.Note));
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>Records the activation steps; the caller stores them with its own change.</summary>
    private async Task ActivateMajorAsync(BusinessUnitDefinition unit, MajorIncidentCriterion criterion, string? bridge, string actor, string? note,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = _state.State;
        var participants = s.Roles.Select(r => r.ResponderId).Append(s.AcknowledgedBy).Append(actor).OfType<string>()
            .Where(p => !p.Contains(':')).Distinct().ToImmutableArray();
        var stakeholders = (unit.MajorIncidentStakeholders.IsDefault ? [] : unit.MajorIncidentStakeholders).Distinct().ToImmutableArray();
        // Paged before the incident stores the declaration: a crash in between pages again under the same keys, which responders ignore.
        var records = await Task.WhenAll(stakeholders.Select(person => GrainFactory.GetGrain<IResponderGrain>(person)
            .Page(new Page($"{IncidentId}/major/{person}", IncidentId, person, s.Title, s.Severity, 0, 0, $"major incident declared ({CriterionName(criterion)})", now), cancellationToken)));
        foreach (var record in records)
        {
            AddPage(record.Page, rotationId: null, record.Deliveries);
        }
        bridge ??= $"bridge:{IncidentId}";
        s.Major = new MajorIncident(criterion, actor, now, bridge, participants, stakeholders, null, [], null, null);
        Append(now, actor, TimelineEntryKind.MajorDeclared, ResponderActions.WithNote(
            $"Declared a major incident ({CriterionName(criterion)}): bridge {bridge} opened with {string.Join(", ", participants)}; " +
            $"notified {(stakeholders.IsEmpty ? "no stakeholders (the unit names none)" : string.Join(", ", stakeholders))}", note));
    }

    private MajorIncident RequireMajor()
    {
        EnsureExists();
        return _state.State.Major ?? throw new IllegalTransitionException($"Incident '{IncidentId}' is not a major incident.");
    }

    private static string CriterionName(MajorIncidentCriterion criterion) => criterion switch
    {
        MajorIncidentCriterion.Sev1 => "SEV1",
        MajorIncidentCriterion.SlaBreachRisk => "risk of SLA breach",
        MajorIncidentCriterion.ExecutiveEscalation => "executive escalation",
        _ => "by hand",
    };
}
