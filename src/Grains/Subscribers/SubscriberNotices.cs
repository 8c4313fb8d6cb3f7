using IncidentActors.Incidents;
using IncidentActors.Incidents.Events;

namespace IncidentActors.Subscribers;

/// <summary>
/// Hands incident events to their unit's subscribers grain, which stores the notices they make before this returns.
/// Repeats of alerts and replays tell subscribers nothing and are left out; the grain ignores sequences it applied.
/// </summary>
internal sealed class SubscriberNotices(IGrainFactory grains) : IIncidentEventSubscriber
{
    public Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        var relevant = events.Where(e => e.Kind is not (TimelineEntryKind.AlertsCounted or TimelineEntryKind.Replayed)).ToList();
        return relevant.Count == 0 ? Task.CompletedTask
            : Task.WhenAll(relevant.GroupBy(e => e.BusinessUnitId).Select(unit =>
                grains.GetGrain<ISubscribersGrain>(unit.Key).Apply([.. unit], cancellationToken)));
    }
}
