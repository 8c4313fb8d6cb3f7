using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>The roles people take on an incident (commander, communications lead, technical lead, scribe).</summary>
internal static class Roles
{
    public static void ValidateAssignment(IncidentRole role, string responderId) => IncidentInput.Check(v =>
    {
        Validate(v, role);
        AlertValidator.Identifier(v, "assignee_id", responderId, required: true);
    });

    public static void ValidateRelease(IncidentRole role) => IncidentInput.Check(v => Validate(v, role));

    /// <summary>Gives the role to the responder, handing it over from its holder; filled, its duty's clock stops. False when they hold it already.</summary>
    public static bool Assign(IncidentContext incident, IncidentRole role, string responderId, ResponderAction action)
    {
        ValidateAssignment(role, responderId);
        incident.EnsureExists();
        var roles = incident.State.Roles;
        var current = roles.Find(r => r.Role == role);
        if (current?.ResponderId == responderId)
        {
            return false;
        }
        var now = incident.Now;
        roles.RemoveAll(r => r.Role == role);
        roles.Add(new RoleAssignment(role, responderId, now, action.ResponderId));
        incident.Append(now, action.ResponderId, TimelineEntryKind.RoleAssigned, ResponderActions.WithNote(current is null
            ? $"{Name(role)}: {responderId}"
            : $"{Name(role)} handed over from {current.ResponderId} to {responderId}", action.Note));
        DutyClocks.Stop(incident, (ResponseDuty)(int)role);
        return true;
    }

    public static bool Release(IncidentContext incident, IncidentRole role, ResponderAction action)
    {
        ValidateRelease(role);
        incident.EnsureExists();
        if (incident.State.Roles.Find(r => r.Role == role) is not { } current)
        {
            return false;
        }
        incident.State.Roles.Remove(current);
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.RoleReleased, ResponderActions.WithNote($"{Name(role)} {current.ResponderId} released", action.Note));
        return true;
    }

    public static string Name(IncidentRole role) => role switch
    {
        IncidentRole.Commander => "Commander",
        IncidentRole.CommunicationsLead => "Communications lead",
        IncidentRole.TechnicalLead => "Technical lead",
        _ => "Scribe",
    };

    private static void Validate(ImmutableArray<FieldViolation>.Builder violations, IncidentRole role)
    {
        if (!Enum.IsDefined(role))
        {
            violations.Add(new("role", "must be commander, communications lead, technical lead or scribe."));
        }
    }
}
