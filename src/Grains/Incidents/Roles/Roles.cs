using System.Collections.Immutable;
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

    /// <summary>Gives the role to the responder; returns whom it was handed over from, or null for the first holder.</summary>
    public static RoleAssignment? Assign(IncidentState state, IncidentRole role, string responderId, string by, DateTimeOffset now)
    {
        var current = state.Roles.Find(r => r.Role == role);
        state.Roles.RemoveAll(r => r.Role == role);
        state.Roles.Add(new RoleAssignment(role, responderId, now, by));
        return current;
    }

    public static string Assigned(IncidentRole role, RoleAssignment? previous, string responderId) => previous is null
        ? $"{Name(role)}: {responderId}"
        : $"{Name(role)} handed over from {previous.ResponderId} to {responderId}";

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
