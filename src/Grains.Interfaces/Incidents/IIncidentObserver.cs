using Orleans.Concurrency;

namespace IncidentActors.Incidents;

/// <summary>Receives incident events from the feed (a gRPC watch stream, a projection).</summary>
[Alias("IncidentActors.Incidents.IIncidentObserver")]
public interface IIncidentObserver : IGrainObserver
{
    [Alias("OnIncidentChanged"), OneWay]
    Task OnIncidentChanged(IncidentEvent change);
}
