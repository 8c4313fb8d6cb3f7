using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>Regulatory tags of the business unit on an incident: each pulls in its stakeholders, who are told once.</summary>
internal static class RegulatoryTags
{
    public static void Validate(ImmutableArray<string> tags) => IncidentInput.Check(v =>
    {
        if (tags.IsDefaultOrEmpty)
        {
            v.Add(new("tags", "name at least one regulatory tag."));
            return;
        }
        for (var i = 0; i < tags.Length; i++)
        {
            AlertValidator.Identifier(v, $"tags[{i}]", tags[i], required: true);
        }
    });

    /// <summary>The unit's tags by name; refused when the incident is tagged with one the unit does not have.</summary>
    public static Dictionary<string, RegulatoryTag> Known(BusinessUnitDefinition unit, ImmutableArray<string> tags)
    {
        var known = unit.RegulatoryTags.ToDictionary(t => t.Tag, StringComparer.Ordinal);
        var unknown = tags.Where(t => !known.ContainsKey(t)).Select(t => new FieldViolation("tags",
            $"'{t}' is not a regulatory tag of business unit '{unit.Id}'; its tags are {(known.Count == 0 ? "none" : string.Join(", ", known.Keys.Select(k => $"'{k}'")))}.")).ToImmutableArray();
        if (unknown.Length > 0)
        {
            throw new InvalidRequestException(unknown);
        }
        return known;
    }

    /// <summary>
    /// Tags the incident with each new tag and pages its stakeholders not yet involved; true when any tag was new.
    /// Paged before the incident stores them: a crash in between pages again under the same keys, which responders ignore.
    /// </summary>
    public static async Task<bool> TagAsync(IncidentContext incident, ImmutableArray<string> tags, ResponderAction action, CancellationToken cancellationToken)
    {
        Validate(tags);
        incident.EnsureExists();
        var known = Known(await incident.BusinessUnitPolicyAsync(cancellationToken), tags);
        var s = incident.State;
        var added = tags.Distinct().Where(t => !s.RegulatoryTags.Contains(t)).ToList();
        var now = incident.Now;
        foreach (var tag in added)
        {
            var newcomers = known[tag].Stakeholders.Where(p => !s.Stakeholders.Contains(p)).ToList();
            await incident.PageAsync(newcomers, person => $"{incident.IncidentId}/stakeholder/{person}", $"stakeholder: {tag}", now, cancellationToken);
            s.RegulatoryTags.Add(tag);
            s.Stakeholders.AddRange(newcomers);
            // Started by the store that follows, with those whose trigger happened already.
            RegulatoryClocks.TakeOn(s, known[tag]);
            incident.Append(now, action.ResponderId, TimelineEntryKind.RegulatoryTagged, ResponderActions.WithNote(newcomers.Count == 0
                ? $"Tagged {tag}; its stakeholders were already involved"
                : $"Tagged {tag}: {string.Join(", ", newcomers)} pulled in as stakeholders and notified", action.Note));
        }
        return added.Count > 0;
    }
}
