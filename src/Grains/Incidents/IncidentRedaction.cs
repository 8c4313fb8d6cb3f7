using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>Builds an incident's export; redacted, people become "person N" wherever they appear, and internal hosts and security details go.</summary>
internal static class IncidentRedaction
{
    public static IncidentExport Export(string incidentId, IncidentState s, bool redacted)
    {
        if (!redacted)
        {
            return new IncidentExport(incidentId, s.Title, s.ServiceId, s.BusinessUnitId, s.Severity, s.Status, s.OpenedAt, s.AcknowledgedAt, s.ResolvedAt,
                [.. s.Timeline], Redacted: false, PeopleReplaced: 0, Updates(s, person => person, text => text));
        }
        var redactor = new TextRedactor(People(s));
        var timeline = s.Timeline.Select(e => e with { Actor = redactor.Actor(e.Actor), Message = redactor.Redact(e.Message) });
        var updates = Updates(s, redactor.Actor, redactor.Redact);
        return new IncidentExport(incidentId, redactor.Redact(s.Title), s.ServiceId, s.BusinessUnitId, s.Severity, s.Status, s.OpenedAt, s.AcknowledgedAt,
            s.ResolvedAt, [.. timeline], Redacted: true, PeopleReplaced: redactor.PeopleReplaced, updates);
    }

    private static ImmutableArray<ExportedUpdate> Updates(IncidentState s, Func<string, string> person, Func<string, string> text) =>
    [
        .. s.Updates.Where(u => u.PublishedAt is not null).Select(u =>
        {
            var recipients = u.Recipients.IsDefault ? [] : u.Recipients;
            return new ExportedUpdate(u.Number, u.Audience, text(u.Subject), text(u.Body), person(u.DraftedBy), u.ApprovedBy is { } approver ? person(approver) : null,
                person(u.PublishedBy!), u.PublishedAt!.Value, [.. recipients.Select(r => person(r.PersonId))],
                [.. recipients.Where(r => r.ReadAt is not null).Select(r => person(r.PersonId))]);
        }),
    ];

    /// <summary>The system's own actors; "integration:…", "rotation:…" and "vendor:…" name no person either.</summary>
    private static readonly HashSet<string> SystemActors = new(StringComparer.Ordinal)
    {
        "clock", "escalation", "classification", "policy", IncidentRetention.Actor, Reviews.PostIncidentReviewGrain.System,
    };

    public static bool IsPerson(string actor) => actor.Length > 0 && !SystemActors.Contains(actor) && !actor.Contains(':');

    /// <summary>Everyone the incident names as a person, in order of first appearance.</summary>
    public static List<string> People(IncidentState s) =>
        People(s.Timeline.Select(e => e.Actor)
            .Concat(s.Pages.Select(p => p.ResponderId))
            .Concat(s.Roles.Select(r => r.ResponderId))
            .Concat(s.Stakeholders)
            .Concat(s.Updates.SelectMany(u => new[] { u.DraftedBy, u.ApprovedBy, u.PublishedBy }.OfType<string>()
                .Concat(u.Recipients.IsDefault ? [] : u.Recipients.Select(r => r.PersonId))))
            .Concat(new[] { s.AcknowledgedBy, s.ResolvedBy }.OfType<string>()));

    public static List<string> People(IEnumerable<string> named) => named.Where(IsPerson).Distinct(StringComparer.Ordinal).ToList();
}
