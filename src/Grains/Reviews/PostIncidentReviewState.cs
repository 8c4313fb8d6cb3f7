using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;

namespace IncidentActors.Reviews;

[GenerateSerializer, Alias("IncidentActors.Reviews.PostIncidentReviewState")]
public sealed class PostIncidentReviewState
{
    /// <summary>Empty until the review is set up from its resolved incident.</summary>
    [Id(0)] public string BusinessUnitId { get; set; } = "";
    [Id(1)] public string ServiceId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string Category { get; set; } = "";
    [Id(4)] public IncidentSeverity Severity { get; set; }

    /// <summary>The incident's restriction when last read, so that the review hides as the incident does.</summary>
    [Id(5)] public List<string> RestrictedTo { get; set; } = [];
    [Id(6)] public DateTimeOffset OpenedAt { get; set; }
    [Id(7)] public DateTimeOffset ResolvedAt { get; set; }
    [Id(8)] public ReviewStatus Status { get; set; } = ReviewStatus.Draft;
    [Id(9)] public List<string> RequiredBecause { get; set; } = [];
    [Id(10)] public string Owner { get; set; } = "";
    [Id(11)] public DateTimeOffset DueAt { get; set; }
    [Id(12)] public DateTimeOffset? PublishedAt { get; set; }
    [Id(13)] public string? PublishedBy { get; set; }
    [Id(14)] public DateTimeOffset? OverdueSince { get; set; }

    /// <summary>Reminders about the review sent so far; the next one's time follows from it.</summary>
    [Id(15)] public int ReviewNags { get; set; }
    [Id(16)] public int TaxonomyVersion { get; set; }
    [Id(17)] public List<ReviewParticipant> Participants { get; set; } = [];
    [Id(18)] public List<ReconstructedEvent> Reconstruction { get; set; } = [];
    [Id(19)] public List<ReconstructionEdit> Edits { get; set; } = [];
    [Id(20)] public ReviewContent Content { get; set; } = ReviewContent.Empty;
    [Id(21)] public ReviewImpact Impact { get; set; } = new(TimeSpan.Zero, [], []);
    [Id(22)] public List<ActionItem> ActionItems { get; set; } = [];
    [Id(23)] public List<string> SimilarIncidents { get; set; } = [];
    [Id(24)] public PublishedReview? Internal { get; set; }
    [Id(25)] public PublishedReview? External { get; set; }

    /// <summary>Everyone the incident names as a person (ids first, then the names their responder records give), for blameless checks and redaction.</summary>
    [Id(26)] public List<string> People { get; set; } = [];

    /// <summary>Ids of the people alone, in order of appearance: redaction numbers them.</summary>
    [Id(27)] public List<string> PersonIds { get; set; } = [];

    /// <summary>What the review still has to tell incidents (timeline notes, reopened items), oldest first; its effects deadline delivers them.</summary>
    [Id(28)] public List<PendingEffect> Pending { get; set; } = [];

    /// <summary>Set by every write, cleared once the unit's index has the change: the effects deadline indexes a stale review again.</summary>
    [Id(29)] public bool IndexStale { get; set; }

    public bool Exists => BusinessUnitId.Length > 0;

    public bool Required => RequiredBecause.Count > 0;
}

/// <summary>A timeline note for an incident, or an effective action item of another incident's review to reopen.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.PendingEffect")]
public sealed record PendingEffect(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] IncidentReviewNote? Note,
    [property: Id(2)] ReopenedItem? Reopen);
