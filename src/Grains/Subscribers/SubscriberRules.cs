using System.Collections.Immutable;
using System.Globalization;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;

namespace IncidentActors.Subscribers;

/// <summary>
/// Who hears of what. An incident is published for a subscriber once an update was published for one of their
/// audiences; from then on, past their filters, they hear of each update for their audiences, each edit of one, and
/// each change of the public status from what they were last told. Drills and restricted incidents are never told.
/// </summary>
internal static class SubscriberRules
{
    public const int MaxNameLength = 200;
    public const int MaxAddressLength = 320;
    public static readonly TimeSpan MaxMinimumDuration = TimeSpan.FromDays(7);

    /// <summary>The incident passes the subscriber's severity and service filters (duration aside).</summary>
    public static bool Matches(Subscriber subscriber, IncidentSummary incident) =>
        !incident.Drill && !incident.IsRestricted
        && incident.IncidentSeverity is { } severity && severity <= subscriber.MinimumSeverity
        && (subscriber.Services.IsDefaultOrEmpty || subscriber.Services.Contains(incident.ServiceId));

    /// <summary>When the incident has been open long enough for the subscriber.</summary>
    public static DateTimeOffset DueAt(Subscriber subscriber, IncidentSummary incident) => incident.OpenedAt + subscriber.MinimumDuration;

    public static bool PublishedFor(Subscriber subscriber, TrackedIncident incident) => subscriber.Audiences.Any(incident.Published.ContainsKey);

    /// <summary>
    /// Applies one event to what is known of its incident and returns the notices it makes; an event at or below the
    /// sequence already applied makes none, so redelivery is harmless.
    /// </summary>
    public static ImmutableArray<SubscriberNotice> OnEvent(TrackedIncident tracked, IncidentEvent e, IEnumerable<Subscriber> subscribers, DateTimeOffset now)
    {
        if (e.Sequence <= tracked.Sequence)
        {
            return [];
        }
        tracked.Sequence = e.Sequence;
        tracked.Summary = e.Incident;
        var update = e is { Kind: TimelineEntryKind.UpdatePublished or TimelineEntryKind.UpdateEdited, Data: UpdatePublished published } ? published : null;
        if (update is not null)
        {
            tracked.Published[update.Audience] = update;
        }
        var notices = ImmutableArray.CreateBuilder<SubscriberNotice>();
        var key = $"{e.IncidentId}/notice/{e.Sequence.ToString(CultureInfo.InvariantCulture)}";
        foreach (var subscriber in subscribers.Where(s => Matches(s, e.Incident) && PublishedFor(s, tracked) && now >= DueAt(s, e.Incident)))
        {
            var status = e.Incident.PublicStatus;
            if (update is not null && subscriber.Audiences.Contains(update.Audience))
            {
                var kind = update.EditedAt is null ? NoticeKind.UpdatePublished : NoticeKind.UpdateEdited;
                notices.Add(Notice(key, subscriber, e.Incident, kind, update, now));
            }
            else if (!tracked.Told.TryGetValue(subscriber.Id, out var told) || told != status)
            {
                notices.Add(Notice(key, subscriber, e.Incident, NoticeKind.Status, null, now));
            }
            else
            {
                continue;
            }
            tracked.Told[subscriber.Id] = status;
        }
        return notices.ToImmutable();
    }

    /// <summary>
    /// Subscribers whose minimum duration has now passed on an unresolved published incident they have not heard of:
    /// one notice each, with the latest update for their audiences.
    /// </summary>
    public static ImmutableArray<SubscriberNotice> OnDurationsPassed(string incidentId, TrackedIncident tracked, IEnumerable<Subscriber> subscribers, DateTimeOffset now)
    {
        var notices = ImmutableArray.CreateBuilder<SubscriberNotice>();
        foreach (var subscriber in Waiting(tracked, subscribers).Where(s => now >= DueAt(s, tracked.Summary!)))
        {
            var latest = subscriber.Audiences.Select(a => tracked.Published.GetValueOrDefault(a)).OfType<UpdatePublished>()
                .MaxBy(u => u.EditedAt ?? u.PublishedAt);
            notices.Add(Notice($"{incidentId}/notice/open-{(long)subscriber.MinimumDuration.TotalSeconds}s", subscriber, tracked.Summary!, NoticeKind.Status, latest, now));
            tracked.Told[subscriber.Id] = tracked.Summary!.PublicStatus;
        }
        return notices.ToImmutable();
    }

    /// <summary>The earliest time a waiting subscriber's minimum duration passes on this incident; null when nobody waits.</summary>
    public static DateTimeOffset? NextDurationDue(TrackedIncident tracked, IEnumerable<Subscriber> subscribers) =>
        Waiting(tracked, subscribers).Select(s => (DateTimeOffset?)DueAt(s, tracked.Summary!)).Min();

    private static IEnumerable<Subscriber> Waiting(TrackedIncident tracked, IEnumerable<Subscriber> subscribers) =>
        tracked.Summary is not { PublicStatus: not PublicStatus.Resolved } summary ? []
        : subscribers.Where(s => s.MinimumDuration > TimeSpan.Zero && !tracked.Told.ContainsKey(s.Id) && Matches(s, summary) && PublishedFor(s, tracked));

    private static SubscriberNotice Notice(string key, Subscriber subscriber, IncidentSummary incident, NoticeKind kind, UpdatePublished? update, DateTimeOffset now)
    {
        var status = StatusWord(incident.PublicStatus);
        var severity = incident.IncidentSeverity is { } sev ? $"SEV{(int)sev}" : "";
        var subject = kind switch
        {
            NoticeKind.UpdatePublished => update!.Subject,
            NoticeKind.UpdateEdited => $"Corrected: {update!.Subject}",
            _ => $"[{status}] {incident.Title}",
        };
        var text = $"{incident.Title} ({severity}) is {status}.";
        if (update is not null)
        {
            text += $"\n\n{update.Body}";
        }
        return new SubscriberNotice(key, subscriber.Id, incident.Id, kind, subject, text, now, DeliveryStatus.Pending, 0, now, PublicStatus: incident.PublicStatus);
    }

    public static string StatusWord(PublicStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>Refused whole, each violation naming its field; the email channel's destination is checked like a responder's webhook.</summary>
    public static void Validate(Subscriber subscriber, WebhookDestinations destinations)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", subscriber.Id, required: true);
        AlertValidator.Text(violations, "name", subscriber.Name, MaxNameLength, required: true);
        if (!Enum.IsDefined(subscriber.Kind))
        {
            violations.Add(new("kind", "must be executive, support, business unit or customer."));
        }
        if (!Enum.IsDefined(subscriber.MinimumSeverity))
        {
            violations.Add(new("minimum_severity", "must be SEV1 to SEV4."));
        }
        if (subscriber.MinimumDuration < TimeSpan.Zero || subscriber.MinimumDuration > MaxMinimumDuration)
        {
            violations.Add(new("minimum_duration", $"must be from 0 to {MaxMinimumDuration.TotalDays} days."));
        }
        var services = subscriber.Services.IsDefault ? [] : subscriber.Services;
        for (var i = 0; i < services.Length; i++)
        {
            AlertValidator.Identifier(violations, $"services[{i}]", services[i], required: true);
        }
        var audiences = subscriber.Audiences.IsDefault ? [] : subscriber.Audiences;
        if (audiences.IsEmpty)
        {
            violations.Add(new("audiences", "name at least one audience whose published updates the subscriber receives."));
        }
        for (var i = 0; i < audiences.Length; i++)
        {
            if (!Enum.IsDefined(audiences[i]))
            {
                violations.Add(new($"audiences[{i}]", "is not an audience (executives, internal, customers, public, regulators, responders)."));
            }
        }
        switch (subscriber)
        {
            case { ResponderId: null, Email: null }:
            case { ResponderId: not null, Email: not null }:
                violations.Add(new("channel", "give exactly one of responder_id or email."));
                break;
            case { ResponderId: { } responder }:
                AlertValidator.Identifier(violations, "responder_id", responder, required: true);
                break;
            case { Email: { } email }:
                ValidateEmail(violations, email, destinations);
                break;
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void ValidateEmail(ImmutableArray<FieldViolation>.Builder violations, EmailChannel email, WebhookDestinations destinations)
    {
        try
        {
            WebhookContactValidator.Validate([new WebhookContact(email.Url, email.Secret)], destinations);
        }
        catch (InvalidRequestException refused)
        {
            violations.AddRange(refused.Violations.Select(v => v with { Field = v.Field.Replace("webhooks[0].", "email.", StringComparison.Ordinal) }));
        }
        Address(violations, "email.to", email.To);
        Address(violations, "email.from", email.From);
    }

    /// <summary>Email-shaped: one @ with text either side, no whitespace or control characters that could smuggle in headers.</summary>
    private static void Address(ImmutableArray<FieldViolation>.Builder violations, string field, string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > MaxAddressLength || address.Count(c => c == '@') != 1 || address.StartsWith('@')
            || address.EndsWith('@') || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or '"'))
        {
            violations.Add(new(field, $"must be an email address (name@domain, at most {MaxAddressLength} characters)."));
        }
    }
}
