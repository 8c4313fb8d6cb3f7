using System.Collections.Immutable;
using Orleans.Concurrency;

namespace IncidentActors.Reviews;

/// <summary>
/// A business unit's review policy (with its taxonomy's versions) and the index of its reviews, keyed by the unit's
/// id: search, similar incidents, timeliness. Kept by the review grains, which hold the facts; never calls them.
/// </summary>
[Alias("IncidentActors.Reviews.IUnitReviewsGrain")]
public interface IUnitReviewsGrain : IGrainWithStringKey
{
    /// <summary>Stores the policy; a changed taxonomy becomes a new version. A tracker secret left blank keeps the stored one.</summary>
    [Alias("SetPolicy")]
    Task<ReviewPolicy> SetPolicy(ReviewPolicy policy, CancellationToken cancellationToken = default);

    /// <summary>The policy with the tracker secret as stored (encrypted); null when the unit has none.</summary>
    [Alias("GetPolicy"), ReadOnly]
    Task<ReviewPolicy?> GetPolicy(CancellationToken cancellationToken = default);

    /// <summary>The categories of one taxonomy version.</summary>
    [Alias("GetTaxonomy"), ReadOnly]
    Task<ImmutableArray<string>> GetTaxonomy(int version, CancellationToken cancellationToken = default);

    [Alias("Index")]
    Task Index(ReviewSummary summary, CancellationToken cancellationToken = default);

    /// <summary>The incident's restriction changed: its review is searched and counted under the new one at once.</summary>
    [Alias("Restrict")]
    Task Restrict(string incidentId, ImmutableArray<string> restrictedTo, CancellationToken cancellationToken = default);

    /// <summary>Incidents of the same service and category opened within the window before <paramref name="openedAt"/>, newest first.</summary>
    [Alias("Similar"), ReadOnly]
    Task<ImmutableArray<string>> Similar(string incidentId, string serviceId, string category, DateTimeOffset openedAt, TimeSpan window,
        CancellationToken cancellationToken = default);

    /// <summary>Effective items of other published reviews of the service sharing a factor category.</summary>
    [Alias("EffectiveItemsSharing"), ReadOnly]
    Task<ImmutableArray<ReopenedItem>> EffectiveItemsSharing(string incidentId, string serviceId, ImmutableArray<string> factorCategories,
        CancellationToken cancellationToken = default);

    /// <summary>Published reviews, newest first, leaving out those of incidents the caller may not see.</summary>
    [Alias("Search"), ReadOnly]
    Task<ImmutableArray<ReviewSummary>> Search(ReviewQuery query, CancellationToken cancellationToken = default);

    /// <summary>Counts of the unit's required reviews by timeliness at <paramref name="now"/>, of incidents the caller may see.</summary>
    [Alias("GetTimeliness"), ReadOnly]
    Task<ReviewTimeliness> GetTimeliness(DateTimeOffset now, CancellationToken cancellationToken = default);
}
