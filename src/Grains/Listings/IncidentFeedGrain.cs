using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Utilities;

namespace IncidentActors.Incidents;

[Reentrant]
internal sealed class IncidentFeedGrain : Grain, IIncidentFeedGrain
{
    /// <summary>Watchers renew well within this; one that stopped renewing (its silo died) is dropped after it.</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Incidents whose last passed-on event is remembered; events delivered again come soon after the first time.</summary>
    private const int RememberedIncidents = 100_000;

    private readonly ObserverManager<IIncidentObserver> _observers;
    private readonly Dictionary<string, long> _lastSequence = new(StringComparer.Ordinal);
    private readonly Queue<string> _remembered = new();

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

    public async Task Publish(ImmutableArray<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var e in events)
        {
            if (IsNew(e))
            {
                await _observers.Notify(o => o.OnIncidentChanged(e));
            }
        }
    }

    private bool IsNew(IncidentEvent e)
    {
        if (_lastSequence.TryGetValue(e.IncidentId, out var last))
        {
            if (e.Sequence <= last)
            {
                return false;
            }
        }
        else
        {
            _remembered.Enqueue(e.IncidentId);
            if (_remembered.Count > RememberedIncidents)
            {
                _lastSequence.Remove(_remembered.Dequeue());
            }
        }
        _lastSequence[e.IncidentId] = e.Sequence;
        return true;
    }
}
