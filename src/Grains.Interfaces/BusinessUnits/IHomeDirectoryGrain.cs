using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// The one cluster-wide record of home regions. Business units and services write to it when
/// defined; placement asks it about a grain whose home the placing silo has not seen yet.
/// </summary>
[Alias("IncidentActors.BusinessUnits.IHomeDirectoryGrain")]
public interface IHomeDirectoryGrain : IGrainWithStringKey
{
    public const string Global = "global";

    [Alias("SetRegion")]
    Task SetRegion(string businessUnitId, string region, CancellationToken cancellationToken = default);

    [Alias("SetBusinessUnit")]
    Task SetBusinessUnit(string serviceId, string businessUnitId, CancellationToken cancellationToken = default);

    /// <summary>The home region of a business unit, or of the unit a service belongs to; null when not known.</summary>
    [Alias("RegionOf"), Orleans.Concurrency.ReadOnly]
    Task<string?> RegionOf(string? businessUnitId, string? serviceId, CancellationToken cancellationToken = default);

    /// <summary>Every service it was told of, with its unit: what the service directory starts from.</summary>
    [Alias("BusinessUnitsByService"), Orleans.Concurrency.ReadOnly]
    Task<ImmutableDictionary<string, string>> BusinessUnitsByService(CancellationToken cancellationToken = default);
}
