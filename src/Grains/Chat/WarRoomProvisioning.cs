using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Chat;

/// <summary>
/// A major incident declared opens its war room, through the incident's war-room grain, which retries on its own
/// deadline. A restricted incident gets none: a chat channel would show its title and people to the whole workspace.
/// </summary>
internal sealed class WarRoomProvisioning(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events.Where(e => e.Kind == TimelineEntryKind.MajorDeclared && !e.Incident.IsRestricted))
        {
            await grains.GetGrain<IWarRoomGrain>(e.IncidentId).Open(e.BusinessUnitId, e.At, cancellationToken);
        }
    }
}
