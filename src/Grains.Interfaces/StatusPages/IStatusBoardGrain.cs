namespace IncidentActors.StatusPages;

/// <summary>
/// A business unit's status board, keyed by unit id: the read model its status pages are built from, fed by incident
/// events (<see cref="StatusBoardChange"/>), never by the incidents themselves.
/// </summary>
[Alias("IncidentActors.StatusPages.IStatusBoardGrain")]
public interface IStatusBoardGrain : IGrainWithStringKey
{
    /// <summary>Applies an incident's change; one the board already holds (by sequence) changes nothing.</summary>
    [Alias("Apply")]
    Task Apply(StatusBoardChange change, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<StatusBoard> Get(CancellationToken cancellationToken = default);
}
