using IncidentActors.Alerts;

namespace IncidentActors.Services;

/// <summary>A service of the catalog, keyed by service id: owns its alert deduplication.</summary>
[Alias("IncidentActors.Services.IServiceGrain")]
public interface IServiceGrain : IGrainWithStringKey
{
    /// <summary>Registers the service or updates its entry. The key must equal the definition's id.</summary>
    [Alias("Register")]
    Task<ServiceView> Register(ServiceDefinition definition, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<ServiceView> Get(CancellationToken cancellationToken = default);

    /// <summary>Records a change freeze; recording one incident's freeze again changes nothing.</summary>
    [Alias("RecordChangeFreeze")]
    Task RecordChangeFreeze(ChangeFreeze freeze, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies one alert event: one open incident per dedup key, repeats counted on it. Returns
    /// once every change it made is stored.
    /// </summary>
    [Alias("Ingest")]
    Task<AlertOutcome> Ingest(AlertEvent alert, CancellationToken cancellationToken = default);
}
