using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Runbooks;

/// <summary>
/// Starts the unit's runbooks that an incident's opening (its category or classification rule) or a tag put on it may
/// trigger. Each execution checks the incident itself on its own deadline before it runs anything, and starts once per
/// incident, so a redelivered event starts nothing twice; starting never waits on the incident delivering the event.
/// </summary>
internal sealed class RunbookTriggers(IGrainFactory grains) : IIncidentEventSubscriber
{
    public async Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        foreach (var e in events.Where(e => e.Kind is TimelineEntryKind.Opened or TimelineEntryKind.RegulatoryTagged))
        {
            foreach (var start in await grains.GetGrain<IUnitRunbooksGrain>(e.BusinessUnitId).Triggered(e, cancellationToken))
            {
                await grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(e.IncidentId, start.RunbookId)).Start(start, cancellationToken);
            }
        }
    }
}
