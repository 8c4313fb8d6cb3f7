using IncidentActors.Alerts;
using IncidentActors.Services;

namespace IncidentActors.Incidents;

/// <summary>One incident, keyed by incident id: lifecycle, alert counters and the timeline.</summary>
[Alias("IncidentActors.Incidents.IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    /// <summary>
    /// Opens the incident with this alert, or counts a repeat on it while it is open. A resolved
    /// incident refuses the trigger, so that the service opens a new one.
    /// </summary>
    [Alias("Trigger")]
    Task<TriggerResult> Trigger(AlertEvent alert, ServiceDefinition service, CancellationToken cancellationToken = default);

    [Alias("Acknowledge")]
    Task<IncidentView> Acknowledge(ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("Resolve")]
    Task<IncidentView> Resolve(ResponderAction action, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<IncidentView> Get(CancellationToken cancellationToken = default);
}
