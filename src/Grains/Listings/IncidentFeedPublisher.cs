using System.Collections.Immutable;

namespace IncidentActors.Incidents.Events;

/// <summary>Passes every event on to the live watch feed.</summary>
internal sealed class IncidentFeedPublisher(IGrainFactory grains) : IIncidentEventSubscriber
{
    public Task OnEventsAsync(IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken) =>
        grains.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global).Publish([.. events], cancellationToken);
}
