using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.OnCall;

/// <summary>
/// A rotation hands over at its shift changes every incident it was paged through, until the incident resolves.
/// Events of an incident arrive in order, so a page and the resolution after it are applied in that order too.
/// </summary>
internal sealed class RotationTracking(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events)
        {
            switch (e.Data)
            {
                // A handover's page comes from the rotation handing over, which tracks the incident already (and waits for it).
                case PagesSent sent when e.Kind != TimelineEntryKind.HandedOver:
                    foreach (var rotationId in sent.Pages.Select(p => p.RotationId).OfType<string>().Distinct())
                    {
                        await grains.GetGrain<IOnCallRotationGrain>(rotationId).Track(e.IncidentId, cancellationToken);
                    }
                    break;
                case Resolution resolved:
                    foreach (var rotationId in resolved.ReleasedRotations)
                    {
                        await grains.GetGrain<IOnCallRotationGrain>(rotationId).Untrack(e.IncidentId, cancellationToken);
                    }
                    break;
                case Replayed replayed:
                    foreach (var rotation in replayed.PagedRotations.Select(id => grains.GetGrain<IOnCallRotationGrain>(id)))
                    {
                        await (e.Incident.Status == IncidentStatus.Resolved
                            ? rotation.Untrack(e.IncidentId, cancellationToken)
                            : rotation.Track(e.IncidentId, cancellationToken));
                    }
                    break;
            }
        }
    }
}
