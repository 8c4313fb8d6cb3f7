using System.Collections.Immutable;
using IncidentActors.Incidents;
using IncidentActors.Metrics;

namespace IncidentActors.Reviews;

/// <summary>Sets a review up from its resolved incident: whether it is required and why, when it is due, who is invited, the reconstruction and the impact.</summary>
internal static class ReviewDrafting
{
    /// <summary>Why the unit's criteria require a review of this incident; empty when they do not.</summary>
    public static List<string> RequiredBecause(ReviewPolicy? policy, IncidentView incident, IReadOnlyList<string> similar)
    {
        var reasons = new List<string>();
        if (policy is null)
        {
            return reasons;
        }
        if (policy.RequiredThrough is { } through && incident.IncidentSeverity <= through)
        {
            reasons.Add($"{incident.IncidentSeverity.ToString().ToUpperInvariant()}: the unit reviews {through.ToString().ToUpperInvariant()} and worse");
        }
        if (policy.RequiredForMajor && incident.Major is not null)
        {
            reasons.Add("a major incident");
        }
        if (policy.RequiredForEnterpriseEvents && incident.CentralCommand is not null)
        {
            reasons.Add($"part of enterprise-wide event '{incident.CentralCommand.EventId}'");
        }
        if (policy.RequiredForRecurrence && similar.Count > 0)
        {
            reasons.Add($"recurred within {policy.RecurrenceWindowDays} days of {string.Join(", ", similar)}");
        }
        return reasons;
    }

    /// <summary>Everyone the incident names as a person, in order of appearance.</summary>
    public static List<string> PersonIds(IncidentView incident) =>
        IncidentRedaction.People(incident.Timeline.Select(e => e.Actor)
            .Concat(incident.Pages.Select(p => p.ResponderId))
            .Concat(incident.Roles.Select(r => r.ResponderId))
            .Concat(new[] { incident.AcknowledgedBy, incident.ResolvedBy }.OfType<string>()));

    /// <summary>The owning team, the rotations it paged through, and every person it names.</summary>
    public static List<ReviewParticipant> Participants(IncidentView incident, IReadOnlyList<string> people)
    {
        var teams = new[] { incident.Owner }.Concat(incident.Pages.Select(p => p.RotationId).OfType<string>())
            .Where(t => t.Length > 0).Distinct(StringComparer.Ordinal);
        return [.. teams.Select(t => new ReviewParticipant(ParticipantKind.Team, t)), .. people.Select(p => new ReviewParticipant(ParticipantKind.Responder, p))];
    }

    /// <summary>The timeline and the pages in order of time (handovers are timeline entries); the incident has no communications log yet.</summary>
    public static List<ReconstructedEvent> Reconstruct(IncidentView incident)
    {
        var timeline = incident.Timeline.Select(e => (e.At, Source: "timeline", e.Actor, Text: e.Message));
        var pages = incident.Pages.Select(p => (At: p.PagedAt, Source: "page", Actor: p.ResponderId,
            Text: $"Paged {p.ResponderId} at level {p.Level + 1}, round {p.Round + 1}{(p.RotationId is null ? "" : $" through {p.RotationId}")}"));
        return [.. timeline.Concat(pages).OrderBy(e => e.At).Select((e, i) => new ReconstructedEvent(i + 1, e.At, e.Source, e.Actor, e.Text))];
    }

    public static ReviewImpact Impact(IncidentView incident) =>
        new((incident.ResolvedAt ?? incident.LastAlertAt) - incident.OpenedAt,
            [incident.ServiceId, .. incident.Symptoms.Select(s => s.ServiceId).Where(s => s != incident.ServiceId).Distinct(StringComparer.Ordinal)],
            [incident.BusinessUnitId]);

    public static void Start(PostIncidentReviewState s, IncidentView incident, ReviewPolicy? policy, IReadOnlyList<string> similar,
        IReadOnlyList<string> names)
    {
        s.BusinessUnitId = incident.BusinessUnitId;
        s.ServiceId = incident.ServiceId;
        s.Title = incident.Title;
        s.Category = incident.Category;
        s.Severity = incident.IncidentSeverity;
        s.RestrictedTo = [.. incident.RestrictedTo];
        s.OpenedAt = incident.OpenedAt;
        s.ResolvedAt = incident.ResolvedAt!.Value;
        s.RequiredBecause = RequiredBecause(policy, incident, similar);
        s.DueAt = s.ResolvedAt.AddHours(policy?.DueHours ?? ReviewPolicy.DefaultDueHours);
        s.Owner = incident.Roles.FirstOrDefault(r => r.Role == IncidentRole.Commander)?.ResponderId ?? incident.ResolvedBy ?? "";
        s.TaxonomyVersion = policy?.TaxonomyVersion ?? 0;
        s.PersonIds = PersonIds(incident);
        s.People = [.. s.PersonIds.Concat(names).Distinct(StringComparer.OrdinalIgnoreCase)];
        s.Participants = Participants(incident, s.PersonIds);
        s.Reconstruction = Reconstruct(incident);
        s.Impact = Impact(incident);
        s.SimilarIncidents = [.. similar];
    }

    /// <summary>
    /// Review timeliness and action-item overdue facts for the metrics of the incident's opening day; null for a review
    /// nobody scheduled (no due time, nothing to be late for). An item counts as done once verified.
    /// </summary>
    public static ReviewFacts? MetricFacts(string incidentId, PostIncidentReviewState s, DateTimeOffset now) =>
        s.DueAt == default
            ? null
            : new ReviewFacts(incidentId, s.DueAt, s.PublishedAt, [.. s.ActionItems.Select(i => new ActionItemFact(i.DueAt, i.VerifiedAt))], now);

    public static ReviewSummary Summary(string incidentId, PostIncidentReviewState s) =>
        new(incidentId, s.ServiceId, s.Title, s.Category, s.Severity, s.Status, s.Required, s.OpenedAt, s.DueAt, s.PublishedAt, s.OverdueSince,
            [.. s.Content.Factors.Select(f => f.Category).Distinct(StringComparer.Ordinal)],
            string.Join("\n", [s.Content.Summary, .. s.Content.Factors.Select(f => f.Description)]),
            [.. s.ActionItems.Where(i => i.Status == ActionItemStatus.Effective).Select(i => i.Number)],
            [.. s.RestrictedTo]);

    public static ReviewView View(string incidentId, PostIncidentReviewState s) =>
        new(incidentId, s.BusinessUnitId, s.ServiceId, s.Title, s.Category, s.Severity, s.Status, [.. s.RequiredBecause], s.Owner, s.ResolvedAt, s.DueAt,
            s.PublishedAt, s.PublishedBy, s.OverdueSince, s.TaxonomyVersion, [.. s.Participants], [.. s.Reconstruction], [.. s.Edits], s.Content, s.Impact,
            [.. s.ActionItems], [.. s.SimilarIncidents], s.Internal, s.External);
}
