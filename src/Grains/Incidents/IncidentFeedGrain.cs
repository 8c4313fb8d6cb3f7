using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace IncidentActors.Incidents;

[Reentrant]
internal sealed class IncidentFeedGrain : Grain, IIncidentFeedGrain
{
    /// <summary>Watchers renew well within this; one that stopped renewing (its silo died) is dropped after it.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<IIncidentObserver> _observers;

    public IncidentFeedGrain(TimeProvider clock, ILogger<IncidentFeedGrain> logger)
    {
        _observers = new ObserverManager<IIncidentObserver>(SubscriptionLifetime, logger)
        {
            GetDateTime = () => clock.GetUtcNow().UtcDateTime,
        };
    }

    public Task Subscribe(IIncidentObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IIncidentObserver observer, CancellationToken cancellationToken = default)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task Publish(IncidentChange change) => _observers.Notify(o => o.OnIncidentChanged(change));
}
