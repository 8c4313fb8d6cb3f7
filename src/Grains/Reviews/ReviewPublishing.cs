using IncidentActors.Incidents;

namespace IncidentActors.Reviews;

/// <summary>What publishing asks of a review, and the two versions it keeps: internal, whole; external, redacted.</summary>
internal static class ReviewPublishing
{
    /// <summary>What keeps the review from being published, as people read it; empty when it may be.</summary>
    public static List<string> Missing(PostIncidentReviewState s, IReadOnlyCollection<string> requiredTeams)
    {
        var missing = new List<string>();
        if (s.Content.Summary.Length == 0)
        {
            missing.Add("it has no summary");
        }
        if (s.Content.Factors.Length == 0)
        {
            missing.Add("it names no contributing factor");
        }
        var absent = requiredTeams.Where(team => !s.Participants.Exists(p => p.Kind == ParticipantKind.Team && p.Id == team && p.Attended == true)).ToList();
        if (absent.Count > 0)
        {
            missing.Add($"teams the unit requires did not attend: {string.Join(", ", absent)}");
        }
        return missing;
    }

    public static PublishedReview Internal(PostIncidentReviewState s, DateTimeOffset at) =>
        new(at, Redacted: false, s.Title, s.Content, [.. s.Reconstruction], [.. s.ActionItems]);

    /// <summary>People become "person N" in the order the incident named them; hosts, addresses and security details go.</summary>
    public static PublishedReview External(PostIncidentReviewState s, DateTimeOffset at)
    {
        var redactor = new TextRedactor(s.PersonIds);
        string R(string text) => redactor.Redact(text);
        var c = s.Content;
        var content = new ReviewContent(R(c.Summary), [.. c.DecisionPoints.Select(d => new DecisionPoint(d.At, R(d.Decision), R(d.Rationale)))],
            [.. c.DetectionGaps.Select(R)], [.. c.CommunicationBreakdowns.Select(R)], c.CustomersAffected, R(c.CustomerImpact),
            [.. c.Factors.Select(f => f with { Description = R(f.Description) })]);
        var reconstruction = s.Reconstruction.Select(e => e with { Actor = redactor.Actor(e.Actor), Text = R(e.Text) });
        var items = s.ActionItems.Select(i => i with
        {
            Title = R(i.Title), Owner = redactor.Actor(i.Owner), VerificationCriteria = R(i.VerificationCriteria), CreatedBy = redactor.Actor(i.CreatedBy),
            VerifiedBy = i.VerifiedBy is null ? null : redactor.Actor(i.VerifiedBy), Evidence = i.Evidence is null ? null : R(i.Evidence),
            EffectiveBy = i.EffectiveBy is null ? null : redactor.Actor(i.EffectiveBy), Tracker = null,
        });
        return new PublishedReview(at, Redacted: true, R(s.Title), content, [.. reconstruction], [.. items]);
    }
}
