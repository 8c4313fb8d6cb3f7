using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Responders;

/// <summary>A paged responder's notification log shows when they acknowledged the incident they were paged for.</summary>
internal sealed class AcknowledgementRecords(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            if (e.Kind == TimelineEntryKind.Acknowledged && e.Data is StateMoved { ByPagedResponder: true })
            {
                await grains.GetGrain<IResponderGrain>(e.Actor).RecordAcknowledgement(e.IncidentId, e.At, cancellationToken);
            }
            else if (e.Data is Replayed { AcknowledgedByPagedResponder: { } responderId, AcknowledgedAt: { } at })
            {
                await grains.GetGrain<IResponderGrain>(responderId).RecordAcknowledgement(e.IncidentId, at, cancellationToken);
            }
        }
    }
}
