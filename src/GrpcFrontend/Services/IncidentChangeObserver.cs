using System.Threading.Channels;
using IncidentActors.Incidents;
using IncidentEvent = IncidentActors.Incidents.IncidentEvent;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class IncidentChangeObserver(Func<IncidentEvent, bool> filter) : IIncidentObserver
{
    public Channel<IncidentEvent> Changes { get; } = ObserverSubscriptions.NewBuffer<IncidentEvent>();

    public Task OnIncidentChanged(IncidentEvent change)
    {
        if (filter(change))
        {
            Changes.Writer.TryWrite(change);
        }
        return Task.CompletedTask;
    }
}
