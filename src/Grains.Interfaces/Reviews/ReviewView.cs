using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Reviews;

/// <summary>A review as its unit's people see it.</summary>
/// <param name="RequiredBecause">Why the unit's criteria require it, as people read it; empty for an optional review.</param>
/// <param name="OverdueSince">Set once its due time passed unpublished: a missed review stays visible after publishing.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewView")]
public sealed record ReviewView(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string BusinessUnitId,
    [property: Id(2)] string ServiceId,
    [property: Id(3)] string Title,
    [property: Id(4)] string Category,
    [property: Id(5)] IncidentSeverity Severity,
    [property: Id(6)] ReviewStatus Status,
    [property: Id(7)] ImmutableArray<string> RequiredBecause,
    [property: Id(8)] string Owner,
    [property: Id(9)] DateTimeOffset ResolvedAt,
    [property: Id(10)] DateTimeOffset DueAt,
    [property: Id(11)] DateTimeOffset? PublishedAt,
    [property: Id(12)] string? PublishedBy,
    [property: Id(13)] DateTimeOffset? OverdueSince,
    [property: Id(14)] int TaxonomyVersion,
    [property: Id(15)] ImmutableArray<ReviewParticipant> Participants,
    [property: Id(16)] ImmutableArray<ReconstructedEvent> Reconstruction,
    [property: Id(17)] ImmutableArray<ReconstructionEdit> Edits,
    [property: Id(18)] ReviewContent Content,
    [property: Id(19)] ReviewImpact Impact,
    [property: Id(20)] ImmutableArray<ActionItem> ActionItems,
    [property: Id(21)] ImmutableArray<string> SimilarIncidents,
    [property: Id(22)] PublishedReview? Internal,
    [property: Id(23)] PublishedReview? External)
{
    public bool Required => !RequiredBecause.IsDefaultOrEmpty;
}

/// <summary>
/// A review as published: the internal version whole, the external one redacted (people as "person N", internal hosts
/// and addresses, security details) for customers and regulators.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.PublishedReview")]
public sealed record PublishedReview(
    [property: Id(0)] DateTimeOffset PublishedAt,
    [property: Id(1)] bool Redacted,
    [property: Id(2)] string Title,
    [property: Id(3)] ReviewContent Content,
    [property: Id(4)] ImmutableArray<ReconstructedEvent> Reconstruction,
    [property: Id(5)] ImmutableArray<ActionItem> ActionItems);

/// <summary>What closing an incident asks of its review: whether the unit's criteria require one, and whether it is published.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewGate")]
public sealed record ReviewGate(
    [property: Id(0)] bool Required,
    [property: Id(1)] bool Published);
