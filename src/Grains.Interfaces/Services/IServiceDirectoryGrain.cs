namespace IncidentActors.Services;

/// <summary>
/// Every registered service and the business unit it belongs to, ordered by id, so that the catalog can be listed
/// without reading every service's storage. Services record themselves when registered or moved to another unit.
/// </summary>
[Alias("IncidentActors.Services.IServiceDirectoryGrain")]
public interface IServiceDirectoryGrain : IGrainWithStringKey
{
    public const string Global = "global";

    [Alias("Record")]
    Task Record(string serviceId, string businessUnitId, CancellationToken cancellationToken = default);

    /// <summary>One page of the services of units the calling ticket admits (all of them for the system's own calls).</summary>
    [Alias("List")]
    Task<ServiceDirectoryPage> List(ServiceListQuery query, CancellationToken cancellationToken = default);
}
