using System.Threading.Channels;
using IncidentActors.Incidents;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class IncidentChangeObserver(Func<IncidentChange, bool> filter) : IIncidentObserver
{
    public Channel<IncidentChange> Changes { get; } = ObserverSubscriptions.NewBuffer<IncidentChange>();

    public Task OnIncidentChanged(IncidentChange change)
    {
        if (filter(change))
        {
            Changes.Writer.TryWrite(change);
        }
        return Task.CompletedTask;
    }
}
