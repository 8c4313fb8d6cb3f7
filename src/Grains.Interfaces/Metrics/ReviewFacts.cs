using System.Collections.Immutable;

namespace IncidentActors.Metrics;

/// <summary>
/// What review metrics need of an incident's post-incident review, sent by the reviews concept whenever the review
/// changes (see README, "Metrics"): when it was due and completed, and its action items' due and done times.
/// <see cref="AsOf"/> orders reports: an older one than held changes nothing, so reports may be repeated; one of the same
/// time replaces what is held, as the review sends its reports one after another.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.ReviewFacts")]
public sealed record ReviewFacts(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] DateTimeOffset DueAt,
    [property: Id(2)] DateTimeOffset? CompletedAt,
    [property: Id(3)] ImmutableArray<ActionItemFact> ActionItems,
    [property: Id(4)] DateTimeOffset AsOf);

[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.ActionItemFact")]
public sealed record ActionItemFact(
    [property: Id(0)] DateTimeOffset DueAt,
    [property: Id(1)] DateTimeOffset? DoneAt);
