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
                [.. s.Timeline], Redacted: false, PeopleReplaced: 0, Updates(s, person => person, text => text), [.. s.RegulatoryClocks]);
        }
        var redactor = new TextRedactor(People(s));
        var timeline = s.Timeline.Select(e => e with { Actor = redactor.Actor(e.Actor), Message = redactor.Redact(e.Message) });
        var updates = Updates(s, redactor.Actor, redactor.Redact);
        return new IncidentExport(incidentId, redactor.Redact(s.Title), s.ServiceId, s.BusinessUnitId, s.Severity, s.Status, s.OpenedAt, s.AcknowledgedAt,
            s.ResolvedAt, [.. timeline], Redacted: true, PeopleReplaced: redactor.PeopleReplaced, updates, Clocks(s, redactor.Actor, redactor.Redact));
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

    /// <summary>Reports to regulators with their people and texts redacted; the hashes stay those of the texts submitted.</summary>
    private static ImmutableArray<RegulatoryClock> Clocks(IncidentState s, Func<string, string> person, Func<string, string> text) =>
    [
        .. s.RegulatoryClocks.Select(c => c with
        {
            Owners = [.. c.Owners.Select(person)],
            Approval = c.Approval is { } approval ? approval with { ApprovedBy = person(approval.ApprovedBy) } : null,
            Submission = c.Submission is { } submission ? submission with
            {
                Text = text(submission.Text),
                SubmittedBy = person(submission.SubmittedBy),
                ApprovedBy = person(submission.ApprovedBy),
                Acknowledgement = submission.Acknowledgement is { } ack ? ack with { RecordedBy = person(ack.RecordedBy) } : null,
            } : null,
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
            .Concat(new[] { s.AcknowledgedBy, s.ResolvedBy }.OfType<string>())
            .Concat(s.RegulatoryClocks.SelectMany(c => c.Owners.Concat(new[] { c.Approval?.ApprovedBy, c.Submission?.SubmittedBy, c.Submission?.ApprovedBy,
                c.Submission?.Acknowledgement?.RecordedBy }.OfType<string>()))));

    public static List<string> People(IEnumerable<string> named) => named.Where(IsPerson).Distinct(StringComparer.Ordinal).ToList();
}
