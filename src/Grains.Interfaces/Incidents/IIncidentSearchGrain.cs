namespace IncidentActors.Incidents;

/// <summary>Answers listings: finds the business units a query spans and merges their pages.</summary>
[Alias("IncidentActors.Incidents.IIncidentSearchGrain")]
public interface IIncidentSearchGrain : IGrainWithIntegerKey
{
    /// <param name="businessUnitId">Only this unit's incidents; null for every unit.</param>
    [Alias("Search")]
    Task<IncidentPage> Search(string? businessUnitId, IncidentQuery query, CancellationToken cancellationToken = default);
}
