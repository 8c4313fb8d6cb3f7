namespace IncidentActors.Incidents;

/// <summary>One page of a business unit's incident listing, keyed "&lt;unit&gt;/&lt;page&gt;" (see IIncidentIndexPagesGrain).</summary>
[Alias("IncidentActors.Incidents.IIncidentIndexGrain")]
public interface IIncidentIndexGrain : IGrainWithStringKey
{
    /// <summary>Records the summary unless a newer version of the same incident is already recorded.</summary>
    [Alias("Upsert")]
    Task Upsert(IncidentSummary summary, CancellationToken cancellationToken = default);

    [Alias("Query")]
    Task<IncidentPage> Query(IncidentQuery query, CancellationToken cancellationToken = default);
}
