using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace IncidentActors.Incidents;

/// <summary>Builds an incident's export; redacted, people become "person N" wherever they appear.</summary>
internal static class IncidentRedaction
{
    public static IncidentExport Export(string incidentId, IncidentState s, bool redacted)
    {
        if (!redacted)
        {
            return new IncidentExport(incidentId, s.Title, s.ServiceId, s.BusinessUnitId, s.Severity, s.Status, s.OpenedAt, s.AcknowledgedAt, s.ResolvedAt,
                [.. s.Timeline], Redacted: false, PeopleReplaced: 0);
        }
        var people = People(s);
        var pseudonyms = people.Select((person, i) => (person, name: $"person {i + 1}")).ToDictionary(p => p.person, p => p.name, StringComparer.Ordinal);
        // Longest first, so that an id holding another ("ann" in "anna") is replaced whole.
        var mentions = people.Count == 0 ? null
            : new Regex($@"(?<![\w.-])({string.Join("|", people.OrderByDescending(p => p.Length).Select(Regex.Escape))})(?![\w-])", RegexOptions.CultureInvariant);
        string Redact(string text) => mentions is null ? text : mentions.Replace(text, m => pseudonyms[m.Value]);
        var timeline = s.Timeline.Select(e => e with { Actor = pseudonyms.GetValueOrDefault(e.Actor, Redact(e.Actor)), Message = Redact(e.Message) });
        return new IncidentExport(incidentId, Redact(s.Title), s.ServiceId, s.BusinessUnitId, s.Severity, s.Status, s.OpenedAt, s.AcknowledgedAt, s.ResolvedAt,
            [.. timeline], Redacted: true, PeopleReplaced: people.Count);
    }

    /// <summary>The system's own actors; "integration:…", "rotation:…" and "vendor:…" name no person either.</summary>
    private static readonly HashSet<string> SystemActors = new(StringComparer.Ordinal) { "clock", "escalation", "classification", "policy" };

    /// <summary>Everyone the incident names as a person, in order of first appearance.</summary>
    private static List<string> People(IncidentState s)
    {
        return s.Timeline.Select(e => e.Actor)
            .Concat(s.Pages.Select(p => p.ResponderId))
            .Concat(s.Roles.Select(r => r.ResponderId))
            .Concat(s.Stakeholders)
            .Concat(new[] { s.AcknowledgedBy, s.ResolvedBy }.OfType<string>())
            .Where(id => id.Length > 0 && !SystemActors.Contains(id) && !id.Contains(':'))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
