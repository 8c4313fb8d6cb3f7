using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Reviews;

/// <summary>
/// A business unit's rules for post-incident reviews: which incidents need one, when it is due after resolution, the
/// teams that must attend, and the taxonomy contributing factors are filed under. A unit without a policy schedules
/// no reviews; reviews asked for by hand then fall due after <see cref="DefaultDueHours"/>.
/// </summary>
/// <param name="RequiredThrough">Incidents of this severity or worse need a review (SEV2: SEV1 and SEV2); null: severity alone never does.</param>
/// <param name="RecurrenceWindowDays">How far back a review looks for similar incidents (same service and category).</param>
/// <param name="RequiredForRecurrence">A similar incident within the window makes a review required.</param>
/// <param name="DueHours">Hours after resolution the review is due: 48 or 72.</param>
/// <param name="TaxonomyVersion">Set by the unit: each change of <see cref="FactorCategories"/> is a new version.</param>
/// <param name="Tracker">Where action items are synced; its secret is stored encrypted and never shown.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewPolicy")]
public sealed record ReviewPolicy(
    [property: Id(0)] IncidentSeverity? RequiredThrough,
    [property: Id(1)] bool RequiredForMajor,
    [property: Id(2)] bool RequiredForEnterpriseEvents,
    [property: Id(3)] int RecurrenceWindowDays,
    [property: Id(4)] bool RequiredForRecurrence,
    [property: Id(5)] int DueHours,
    [property: Id(6)] ImmutableArray<string> RequiredTeams,
    [property: Id(7)] ImmutableArray<string> FactorCategories,
    [property: Id(8)] int TaxonomyVersion = 0,
    [property: Id(9)] TrackerWebhook? Tracker = null)
{
    public const int DefaultDueHours = 72;
}

/// <summary>An external tracker's webhook (Jira-shaped payload), signed like page webhooks.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.TrackerWebhook")]
public sealed record TrackerWebhook(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret);
