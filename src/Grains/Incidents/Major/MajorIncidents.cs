using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Major incidents: declared by criteria or by hand, with the activation recorded (bridge, participants, stakeholders
/// told), and stood down only once restoration is verified and the stakeholders confirmed it, never on a technical
/// resolve alone.
/// </summary>
internal static class MajorIncidents
{
    public static void ValidateDeclaration(MajorIncidentCriterion criterion, string? bridge) => IncidentInput.Check(v =>
    {
        if (!Enum.IsDefined(criterion))
        {
            v.Add(new("criterion", "must be SEV1, SLA breach risk, executive escalation or by hand."));
        }
        AlertValidator.Text(v, "bridge", bridge, IncidentInput.MaxDetailLength, required: false);
    });

    public static void ValidateRestoration(RestorationEvidence evidence, string detail) => IncidentInput.Check(v =>
    {
        if (!Enum.IsDefined(evidence))
        {
            v.Add(new("evidence", "must be a health check or a user confirmation."));
        }
        AlertValidator.Text(v, "detail", detail, IncidentInput.MaxDetailLength, required: true);
    });

    /// <summary>True when the incident is to be declared major; false when it is already.</summary>
    public static bool MayDeclare(string incidentId, IncidentState state)
    {
        if (state.Major is not null)
        {
            return false;
        }
        if (state.Status == IncidentStatus.Resolved)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' is resolved; a resolved incident is not declared major.");
        }
        return true;
    }

    public static async Task<bool> DeclareAsync(IncidentContext incident, MajorIncidentCriterion criterion, string? bridge, ResponderAction action,
        CancellationToken cancellationToken)
    {
        ValidateDeclaration(criterion, bridge);
        incident.EnsureExists();
        if (!MayDeclare(incident.IncidentId, incident.State))
        {
            return false;
        }
        var unit = await incident.BusinessUnitPolicyAsync(cancellationToken);
        await ActivateAsync(incident, unit, criterion, bridge, action.ResponderId, action.Note, incident.Now, cancellationToken);
        return true;
    }

    public static bool JoinBridge(IncidentContext incident, ResponderAction action)
    {
        var major = Require(incident);
        if (major.Participants.Contains(action.ResponderId))
        {
            return false;
        }
        incident.State.Major = major with { Participants = major.Participants.Add(action.ResponderId) };
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.BridgeJoined, ResponderActions.WithNote($"{action.ResponderId} joined the bridge", action.Note));
        return true;
    }

    /// <summary>Verified restoration counts for the incident and, when it is major, for standing it down.</summary>
    public static bool VerifyRestoration(IncidentContext incident, RestorationEvidence evidence, string detail, ResponderAction action)
    {
        ValidateRestoration(evidence, detail);
        incident.EnsureExists();
        var now = incident.Now;
        var verification = new RestorationVerification(evidence, detail, action.ResponderId, now);
        incident.State.Restoration = verification;
        if (incident.State.Major is { } major)
        {
            incident.State.Major = major with { Restoration = verification };
        }
        incident.Append(now, action.ResponderId, TimelineEntryKind.RestorationVerified,
            ResponderActions.WithNote($"Restoration verified by {(evidence == RestorationEvidence.HealthCheck ? "health check" : "user confirmation")}: {detail}", action.Note));
        return true;
    }

    public static bool ConfirmRestoration(IncidentContext incident, ResponderAction action)
    {
        var major = Require(incident);
        if (!MayConfirm(incident.IncidentId, incident.State, major, action.ResponderId))
        {
            return false;
        }
        var now = incident.Now;
        incident.State.Major = major with { Confirmations = major.Confirmations.Add(new StakeholderConfirmation(action.ResponderId, now)) };
        incident.Append(now, action.ResponderId, TimelineEntryKind.RestorationConfirmed, ResponderActions.WithNote($"{action.ResponderId} confirmed the restoration", action.Note));
        return true;
    }

    /// <summary>Stands the major incident down once resolved, restored and confirmed by every stakeholder told.</summary>
    public static bool Deescalate(IncidentContext incident, ResponderAction action)
    {
        var major = Require(incident);
        if (major.DeescalatedAt is not null)
        {
            return false;
        }
        var missing = MissingForDeescalation(incident.State, major);
        if (missing.Count > 0)
        {
            throw new IllegalTransitionException($"Major incident '{incident.IncidentId}' cannot be de-escalated yet: {string.Join("; ", missing)}.");
        }
        var now = incident.Now;
        incident.State.Major = major with { DeescalatedAt = now, DeescalatedBy = action.ResponderId };
        incident.Append(now, action.ResponderId, TimelineEntryKind.MajorDeescalated, ResponderActions.WithNote("Major incident de-escalated", action.Note));
        return true;
    }

    /// <summary>An assessment to SEV1 declares a major incident, unless it is one or is resolved.</summary>
    public static bool DeclaredByAssessment(IncidentState state, IncidentSeverity severity) =>
        severity == IncidentSeverity.Sev1 && state.Major is null && state.Status != IncidentStatus.Resolved;

    /// <summary>The people on the incident and the declarer join the bridge; integrations and other non-people do not.</summary>
    public static ImmutableArray<string> Participants(IncidentState state, string declaredBy) =>
        state.Roles.Select(r => r.ResponderId).Append(state.AcknowledgedBy).Append(declaredBy).OfType<string>()
            .Where(p => !p.Contains(':')).Distinct().ToImmutableArray();

    public static ImmutableArray<string> Stakeholders(BusinessUnitDefinition unit) =>
        (unit.MajorIncidentStakeholders.IsDefault ? [] : unit.MajorIncidentStakeholders).Distinct().ToImmutableArray();

    /// <summary>
    /// Records the activation steps; the caller stores them with its own change. Stakeholders are paged before the
    /// incident stores the declaration: a crash in between pages again under the same keys, which responders ignore.
    /// </summary>
    public static async Task ActivateAsync(IncidentContext incident, BusinessUnitDefinition unit, MajorIncidentCriterion criterion, string? bridge,
        string actor, string? note, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var participants = Participants(incident.State, actor);
        var stakeholders = Stakeholders(unit);
        await incident.PageAsync(stakeholders, person => $"{incident.IncidentId}/major/{person}", $"major incident declared ({CriterionName(criterion)})", now, cancellationToken);
        bridge ??= $"bridge:{incident.IncidentId}";
        incident.State.Major = new MajorIncident(criterion, actor, now, bridge, participants, stakeholders, null, [], null, null);
        incident.Append(now, actor, TimelineEntryKind.MajorDeclared, ResponderActions.WithNote(
            $"Declared a major incident ({CriterionName(criterion)}): bridge {bridge} opened with {string.Join(", ", participants)}; " +
            $"notified {(stakeholders.IsEmpty ? "no stakeholders (the unit names none)" : string.Join(", ", stakeholders))}", note));
    }

    public static MajorIncident Require(IncidentContext incident)
    {
        incident.EnsureExists();
        return incident.State.Major ?? throw new IllegalTransitionException($"Incident '{incident.IncidentId}' is not a major incident.");
    }

    /// <summary>True when the stakeholder's confirmation is new; refused from anyone not told, or before restoration is verified.</summary>
    public static bool MayConfirm(string incidentId, IncidentState state, MajorIncident major, string stakeholder)
    {
        if (major.Restoration is null && state.Restoration is null)
        {
            throw new IllegalTransitionException($"Incident '{incidentId}' has no verified restoration to confirm yet.");
        }
        if (!major.NotifiedStakeholders.Contains(stakeholder))
        {
            throw new IllegalTransitionException($"{stakeholder} is not a notified stakeholder of incident '{incidentId}'; " +
                $"those are {(major.NotifiedStakeholders.IsEmpty ? "nobody" : string.Join(", ", major.NotifiedStakeholders))}.");
        }
        return !major.Confirmations.Any(c => c.StakeholderId == stakeholder);
    }

    /// <summary>What keeps the major incident from standing down; empty when it may.</summary>
    public static List<string> MissingForDeescalation(IncidentState state, MajorIncident major)
    {
        var missing = new List<string>();
        if (state.Status != IncidentStatus.Resolved)
        {
            missing.Add("the incident is not resolved");
        }
        if (major.Restoration is null && state.Restoration is null)
        {
            missing.Add("restoration is not verified (a health check or user confirmation)");
        }
        var unconfirmed = major.NotifiedStakeholders.Where(p => !major.Confirmations.Any(c => c.StakeholderId == p)).ToList();
        if (unconfirmed.Count > 0)
        {
            missing.Add($"not confirmed by {string.Join(", ", unconfirmed)}");
        }
        return missing;
    }

    /// <summary>
    /// A major incident resolved freezes changes to its service for a while. Recorded on the service before the resolve
    /// is stored: a retried resolve records the same freeze once.
    /// </summary>
    public static async Task FreezeChangesAsync(IncidentContext incident, TimeSpan freezeFor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = incident.State;
        if (s.Major is null)
        {
            return;
        }
        var until = now + freezeFor;
        await incident.Grains.GetGrain<IServiceGrain>(s.ServiceId).RecordChangeFreeze(new ChangeFreeze(incident.IncidentId, now, until), cancellationToken);
        incident.Append(now, "policy", TimelineEntryKind.ChangesFrozen, $"Change freeze on service '{s.ServiceId}' until {until:u} after this major incident.");
    }

    public static string CriterionName(MajorIncidentCriterion criterion) => criterion switch
    {
        MajorIncidentCriterion.Sev1 => "SEV1",
        MajorIncidentCriterion.SlaBreachRisk => "risk of SLA breach",
        MajorIncidentCriterion.ExecutiveEscalation => "executive escalation",
        _ => "by hand",
    };
}
