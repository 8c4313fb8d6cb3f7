namespace IncidentActors.Incidents;

/// <summary>
/// What an incident's review tells its timeline: scheduled, published, overdue, or an action item reopened. Delivered
/// at least once; <see cref="Key"/> makes a repeat change nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentReviewNote")]
public sealed record IncidentReviewNote(
    [property: Id(0)] string Key,
    [property: Id(1)] TimelineEntryKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Message,
    [property: Id(5)] DateTimeOffset DueAt,
    [property: Id(6)] DateTimeOffset? PublishedAt);

/// <summary>The event data of a review's timeline entry, so that metrics count reviews due, published and missed.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ReviewMilestone")]
public sealed record ReviewMilestone(
    [property: Id(0)] DateTimeOffset DueAt,
    [property: Id(1)] DateTimeOffset? PublishedAt) : IncidentEventData;
