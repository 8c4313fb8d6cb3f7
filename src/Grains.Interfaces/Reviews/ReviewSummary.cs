using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Reviews;

/// <summary>A review as its unit's index keeps it, for search, recurrence and timeliness.</summary>
/// <param name="Text">What text search reads: the summary and the factors' descriptions.</param>
/// <param name="EffectiveItems">Action items marked effective, which a new incident with the same factors and service reopens.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewSummary")]
public sealed record ReviewSummary(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string ServiceId,
    [property: Id(2)] string Title,
    [property: Id(3)] string Category,
    [property: Id(4)] IncidentSeverity Severity,
    [property: Id(5)] ReviewStatus Status,
    [property: Id(6)] bool Required,
    [property: Id(7)] DateTimeOffset OpenedAt,
    [property: Id(8)] DateTimeOffset DueAt,
    [property: Id(9)] DateTimeOffset? PublishedAt,
    [property: Id(10)] DateTimeOffset? OverdueSince,
    [property: Id(11)] ImmutableArray<string> FactorCategories,
    [property: Id(12)] string Text,
    [property: Id(13)] ImmutableArray<int> EffectiveItems,
    [property: Id(14)] ImmutableArray<string> RestrictedTo);

/// <summary>Published reviews of a unit matching every criterion given (null: any).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewQuery")]
public sealed record ReviewQuery(
    [property: Id(0)] string? ServiceId,
    [property: Id(1)] string? FactorCategory,
    [property: Id(2)] string? IncidentCategory,
    [property: Id(3)] string? Text);

/// <summary>
/// How a unit's required reviews kept their deadlines, for metrics: still due (not yet late), published on time,
/// published late, and overdue (past due, unpublished).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewTimeliness")]
public sealed record ReviewTimeliness(
    [property: Id(0)] string BusinessUnitId,
    [property: Id(1)] int Due,
    [property: Id(2)] int PublishedOnTime,
    [property: Id(3)] int PublishedLate,
    [property: Id(4)] int Overdue);

/// <summary>An effective action item of an earlier review that a new incident's review reopens.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReopenedItem")]
public sealed record ReopenedItem(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] int Number);
