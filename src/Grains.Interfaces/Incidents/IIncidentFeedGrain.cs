using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>
/// Fans incident events out to live watchers. Watchers re-subscribe periodically: the
/// subscriptions are soft state that expire, so a feed that moved after a silo failure is
/// found again within one renewal period. Durable facts stay in the incident grains.
/// </summary>
[Alias("IncidentActors.Incidents.IIncidentFeedGrain")]
public interface IIncidentFeedGrain : IGrainWithStringKey
{
    public const string Global = "global";

    [Alias("Subscribe")]
    Task Subscribe(IIncidentObserver observer, CancellationToken cancellationToken = default);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IIncidentObserver observer, CancellationToken cancellationToken = default);

    /// <summary>Events of one incident in order; those the feed passed on before (delivered again after a failure) are dropped.</summary>
    [Alias("Publish")]
    Task Publish(ImmutableArray<IncidentEvent> events, CancellationToken cancellationToken = default);
}
