using System.Collections.Immutable;

namespace IncidentActors.Incidents.Events;

/// <summary>Passes every event on to the live watch feed, except replays: watchers saw those changes when they happened.</summary>
internal sealed class IncidentFeedPublisher(IGrainFactory grains) : IIncidentEventSubscriber
{
    public Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken)
    {
        ImmutableArray<IncidentEvent> live = [.. events.Where(e => e.Kind != TimelineEntryKind.Replayed)];
        return live.IsEmpty ? Task.CompletedTask : grains.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global).Publish(live, cancellationToken);
    }
}
