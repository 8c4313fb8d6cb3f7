using System.Collections.Immutable;
using IncidentActors.Deadlines;
using IncidentActors.Incidents;
using Orleans.Concurrency;

namespace IncidentActors.Subscribers;

/// <summary>A business unit's subscribers and their notices, keyed by the unit's id.</summary>
[Alias("IncidentActors.Subscribers.ISubscribersGrain")]
public interface ISubscribersGrain : IDeadlineOwner
{
    /// <summary>Adds or replaces a subscriber; refused whole, naming the field, when it is not complete and valid.</summary>
    [Alias("Define")]
    Task<Subscriber> Define(Subscriber subscriber, CancellationToken cancellationToken = default);

    /// <summary>Removes a subscriber and its queued notices; false when there was none.</summary>
    [Alias("Remove")]
    Task<bool> Remove(string subscriberId, CancellationToken cancellationToken = default);

    /// <summary>Every subscriber, secrets left out.</summary>
    [Alias("List"), ReadOnly]
    Task<ImmutableArray<Subscriber>> List(CancellationToken cancellationToken = default);

    /// <summary>A subscriber's notices, newest first.</summary>
    [Alias("Deliveries"), ReadOnly]
    Task<ImmutableArray<SubscriberNotice>> Deliveries(string subscriberId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Events of one incident of this unit, in order; stored as notices to send before this returns.</summary>
    [Alias("Apply")]
    Task Apply(ImmutableArray<IncidentEvent> events, CancellationToken cancellationToken = default);
}
