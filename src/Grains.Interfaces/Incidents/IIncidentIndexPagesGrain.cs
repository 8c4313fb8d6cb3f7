namespace IncidentActors.Incidents;

/// <summary>
/// Hands out the index pages of one business unit, keyed by unit id: a new incident is listed in the
/// newest page until it holds about <c>IncidentIndexPages.Capacity</c> incidents, so that an index
/// write never serializes more than one page.
/// </summary>
[Alias("IncidentActors.Incidents.IIncidentIndexPagesGrain")]
public interface IIncidentIndexPagesGrain : IGrainWithStringKey
{
    /// <summary>The page <paramref name="incidents"/> new incidents, opened together, are listed in.</summary>
    [Alias("Assign")]
    Task<int> Assign(int incidents = 1, CancellationToken cancellationToken = default);

    /// <summary>How many pages the unit has: pages 0 to count - 1.</summary>
    [Alias("Count"), Orleans.Concurrency.ReadOnly]
    Task<int> Count(CancellationToken cancellationToken = default);
}
