using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>
/// Restricts an incident (a security incident, regulated data) to named groups: besides its unit's commanders only
/// their members see it, anywhere. Vendors are not invited into one, and those invited before stop seeing it.
/// </summary>
internal static class IncidentRestriction
{
    public const int MaxGroups = 20;

    /// <summary>Restricts to <paramref name="groups"/>, or lifts the restriction when none are named; true when that changed anything.</summary>
    public static bool Restrict(IncidentContext incident, ImmutableArray<string> groups, ResponderAction action)
    {
        groups = groups.IsDefault ? [] : groups;
        IncidentInput.Check(v =>
        {
            if (groups.Length > MaxGroups)
            {
                v.Add(new("groups", $"names {groups.Length} groups; at most {MaxGroups}."));
            }
            for (var i = 0; i < groups.Length; i++)
            {
                AlertValidator.Identifier(v, $"groups[{i}]", groups[i], required: true);
            }
        });
        incident.EnsureExists();
        var s = incident.State;
        var named = groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (named.SequenceEqual(s.RestrictedTo))
        {
            return false;
        }
        s.RestrictedTo = named;
        incident.Append(incident.Now, action.ResponderId, TimelineEntryKind.AccessRestricted, ResponderActions.WithNote(named.Count == 0
            ? "Restriction lifted: visible to everyone with a role in the business unit"
            : $"Restricted to {string.Join(", ", named)} and the business unit's commanders", action.Note));
        return true;
    }

    /// <summary>Vendors are not invited into a restricted incident.</summary>
    public static void RefuseVendors(IncidentContext incident)
    {
        if (incident.State.RestrictedTo.Count > 0)
        {
            throw new IllegalTransitionException($"Incident {incident.IncidentId} is restricted; vendors are not invited into restricted incidents.");
        }
    }
}
