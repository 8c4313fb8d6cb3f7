using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Reviews;

namespace IncidentActors.Incidents;

/// <summary>
/// The incident's side of its post-incident review: what the review reports goes into the timeline once per note, and
/// moving into a state that needs a review waits for it to be published.
/// </summary>
internal static class ReviewNotes
{
    private static readonly HashSet<TimelineEntryKind> Kinds =
        [TimelineEntryKind.ReviewScheduled, TimelineEntryKind.ReviewPublished, TimelineEntryKind.ReviewOverdue, TimelineEntryKind.ActionItemReopened];

    public static bool Record(IncidentContext incident, IncidentReviewNote note)
    {
        incident.EnsureExists();
        if (!Kinds.Contains(note.Kind))
        {
            throw new InvalidRequestException("kind", $"{note.Kind} is not what a review records on an incident.");
        }
        if (incident.State.AppliedReviewNotes.Contains(note.Key))
        {
            return false;
        }
        incident.State.AppliedReviewNotes.Add(note.Key);
        incident.Append(note.At, note.Actor, note.Kind, note.Message, new ReviewMilestone(note.DueAt, note.PublishedAt));
        return true;
    }

    /// <summary>
    /// Why entering <paramref name="target"/> must wait for the review, or null when it need not: a state marked as
    /// needing a review always waits; the SRE model's <c>reviewed</c> waits when the unit's criteria (or someone by
    /// hand) require a review, so that incidents no review is asked of close as they did before reviews existed.
    /// </summary>
    public static string? Missing(LifecycleModel model, LifecycleState target, ReviewGate gate)
    {
        if (gate.Published)
        {
            return null;
        }
        if (target.NeedsReview)
        {
            return $"'{target.Name}' needs the post-incident review published";
        }
        return gate.Required && model.Name == BusinessUnitDefaults.Sre.Name && target.Name == SreReviewed
            ? "its post-incident review is required and not published"
            : null;
    }

    public const string SreReviewed = "reviewed";

    public static void EnsureMayEnter(IncidentContext incident, LifecycleState target, ReviewGate gate)
    {
        if (Missing(incident.Model, target, gate) is { } missing)
        {
            throw new IllegalTransitionException($"Incident '{incident.IncidentId}' cannot move to '{target.Name}' yet: {missing}.");
        }
    }
}
