using System.Collections.Immutable;
using IncidentActors.Deadlines;
using Orleans.Concurrency;

namespace IncidentActors.Reviews;

/// <summary>
/// The post-incident review of one incident, keyed by the incident's id: its structure, participants, action items
/// and their deadlines. The deadlines are the review's own, so they nag long after the incident closed.
/// </summary>
[Alias("IncidentActors.Reviews.IPostIncidentReviewGrain")]
public interface IPostIncidentReviewGrain : IDeadlineOwner
{
    /// <summary>
    /// The incident resolved: the review is set up from it shortly after, on a deadline armed here, since the incident
    /// is waiting for this call and cannot be asked yet. Arms only, so it may interleave with anything.
    /// </summary>
    [Alias("Schedule"), AlwaysInterleave]
    Task Schedule(CancellationToken cancellationToken = default);

    /// <summary>Asks for a review by hand (a novel incident): required whatever the unit's criteria say.</summary>
    [Alias("Request")]
    Task<ReviewView> Request(string reason, string actor, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<ReviewView> Get(CancellationToken cancellationToken = default);

    /// <summary>Asked by the incident while it decides a transition; interleaves, so a review waiting on the incident never blocks it.</summary>
    [Alias("GetGate"), AlwaysInterleave]
    Task<ReviewGate> GetGate(CancellationToken cancellationToken = default);

    [Alias("AssignOwner")]
    Task<ReviewView> AssignOwner(string owner, string actor, CancellationToken cancellationToken = default);

    [Alias("RecordAttendance")]
    Task<ReviewView> RecordAttendance(ParticipantKind kind, string participantId, bool attended, string actor, CancellationToken cancellationToken = default);

    /// <summary>Replaces what the authors wrote; refused once published, and for factors that name a person.</summary>
    [Alias("UpdateContent")]
    Task<ReviewView> UpdateContent(ReviewContent content, string actor, CancellationToken cancellationToken = default);

    [Alias("EditReconstruction")]
    Task<ReviewView> EditReconstruction(int sequence, string text, string actor, CancellationToken cancellationToken = default);

    /// <summary>Draft to in review.</summary>
    [Alias("Submit")]
    Task<ReviewView> Submit(string actor, CancellationToken cancellationToken = default);

    /// <summary>In review to published, once the unit's required teams attended; keeps an internal and a redacted external version.</summary>
    [Alias("Publish")]
    Task<ReviewView> Publish(string actor, CancellationToken cancellationToken = default);

    [Alias("AddActionItem")]
    Task<ActionItem> AddActionItem(ActionItemDraft draft, string actor, CancellationToken cancellationToken = default);

    /// <summary>Done, verified by someone other than its owner with evidence.</summary>
    [Alias("RecordVerification")]
    Task<ActionItem> RecordVerification(int number, string evidence, string actor, CancellationToken cancellationToken = default);

    /// <summary>A done item that proved itself; reopened should a new incident share its factors and service.</summary>
    [Alias("MarkEffective")]
    Task<ActionItem> MarkEffective(int number, string actor, CancellationToken cancellationToken = default);

    /// <summary>The review of <paramref name="byIncidentId"/> shares this effective item's factors and service; a retry changes nothing.</summary>
    [Alias("Reopen")]
    Task Reopen(int number, string byIncidentId, CancellationToken cancellationToken = default);

    /// <summary>Links the item to an issue of the unit's tracker (a new one when <paramref name="key"/> is null) and syncs it.</summary>
    [Alias("LinkToTracker")]
    Task<ActionItem> LinkToTracker(int number, string? key, string actor, CancellationToken cancellationToken = default);

    [Alias("ActionItems")]
    Task<ImmutableArray<ActionItem>> ActionItems(CancellationToken cancellationToken = default);
}
