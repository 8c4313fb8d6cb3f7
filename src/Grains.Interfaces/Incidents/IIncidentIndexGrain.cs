namespace IncidentActors.Incidents;

/// <summary>The listing of one business unit's incidents, keyed by business unit id.</summary>
[Alias("IncidentActors.Incidents.IIncidentIndexGrain")]
public interface IIncidentIndexGrain : IGrainWithStringKey
{
    /// <summary>Records the summary unless a newer version of the same incident is already recorded.</summary>
    [Alias("Upsert")]
    Task Upsert(IncidentSummary summary, CancellationToken cancellationToken = default);

    [Alias("Query")]
    Task<IncidentPage> Query(IncidentQuery query, CancellationToken cancellationToken = default);
}
