using IncidentActors.Metrics;
using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;
using Orleans.Storage;

namespace IncidentActors.Deadlines;

/// <summary>
/// Reentrant, so that arming stays cheap while owners are being called: arms and removals arriving
/// together are stored by one grouped write, each returning once stored.
/// </summary>
[Reentrant, DeadlineShardPlacement]
internal sealed class DeadlineShardGrain : Grain, IDeadlineShardGrain, IRemindable
{
    private const string BackstopReminder = "backstop";

    private readonly DeadlineBuckets _deadlines;
    private readonly TimeProvider _clock;
    private readonly DeadlineOptions _options;
    private readonly ILogger<DeadlineShardGrain> _logger;
    private readonly GroupCommit _commit;
    private readonly DeadlineShardKeeper _keeper;
    private readonly SiloAddress _silo;
    private readonly IncidentActorsMetrics _metrics;
    private bool _deactivated;
    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;
    private IGrainTimer? _removalFlush;
    private long _armingSequence;

    // The arming each deadline holds, so that firing removes only the arming it fired: an owner
    // that re-arms a deadline (even for the same instant) while being called must not lose it.
    private readonly Dictionary<string, long> _armings = new(StringComparer.Ordinal);

    // Owners being called now: each deadline is called once at a time, and none waits for another.
    private readonly HashSet<string> _inFlight = new(StringComparer.Ordinal);

    // Stored deadlines not in flight, by when to fire them: the due time, or a retry's.
    private readonly DeadlineQueue _waiting = new();

    public DeadlineShardGrain(
        [FromKeyedServices(StorageNames.Incidents)] IGrainStorage storage,
        IGrainContext context,
        TimeProvider clock,
        IOptions<DeadlineOptions> options,
        DeadlineShardKeeper keeper,
        ILocalSiloDetails silo,
        IncidentActorsMetrics metrics,
        ILogger<DeadlineShardGrain> logger)
    {
        _silo = silo.SiloAddress;
        _metrics = metrics;
        _deadlines = new DeadlineBuckets(storage, context.GrainId);
        _keeper = keeper;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _commit = new GroupCommit(_deadlines.StoreChangesAsync);
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _deadlines.LoadAsync(cancellationToken);
        foreach (var (key, deadline) in _deadlines.All)
        {
            _waiting.Schedule(key, deadline.Due);
        }
        ArmTimer();
        // Not awaited: just after a silo's death the reminder service is re-balancing and can keep a
        // registration waiting past the activation's time limit, which must not stop the shard firing.
        RegisterBackstopAsync().Ignore();
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _deactivated = true;
        // The next activation (after a migration, too) starts from what is stored: removals written behind are
        // stored now, rather than fired again there.
        if (_deadlines.HasUnstoredChanges)
        {
            try
            {
                await _commit.CommitAsync();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Storing fired deadlines' removal on deactivation failed; the next activation fires them again");
            }
        }
        // A silo shutting down leaves its shards to the survivors' pings on its death. A migrating shard is pinged too:
        // Orleans deactivates it whether or not its new activation starts, and the ping finds whichever runs.
        if (reason.ReasonCode is not DeactivationReasonCode.ShuttingDown && _deadlines.Total > 0)
        {
            _keeper.BringBack(this.AsReference<IDeadlineShardGrain>());
        }
    }

    public async Task Arm(DeadlineEntry deadline, CancellationToken cancellationToken = default)
    {
        var key = DeadlineShardState.Key(deadline.Owner, deadline.Name);
        _deadlines.Set(key, deadline);
        _armings[key] = ++_armingSequence;
        if (!_inFlight.Contains(key))
        {
            _waiting.Schedule(key, deadline.Due);
        }
        await _commit.CommitAsync();
        ArmTimer();
    }

    public async Task Disarm(GrainId owner, string name, CancellationToken cancellationToken = default)
    {
        var key = DeadlineShardState.Key(owner, name);
        _armings.Remove(key);
        _waiting.Remove(key);
        if (_deadlines.Remove(key))
        {
            await _commit.CommitAsync();
            ArmTimer();
        }
    }

    /// <summary>Reminders tick at most once a minute: only the last line behind the membership-driven pings.</summary>
    private async Task RegisterBackstopAsync()
    {
        try
        {
            await this.RegisterOrUpdateReminder(BackstopReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Registering the backstop reminder failed; the shard's next activation registers it");
        }
    }

    public Task<int> Ping(CancellationToken cancellationToken = default) => Task.FromResult(_deadlines.Total);

    /// <summary>
    /// A shard activated while its home silo was not up (the first silo up activates them all) migrates
    /// there and reads its deadlines again. Deactivating it instead would not do: a caller that knows where it was
    /// sends there, and that silo activates it again in place, without asking placement.
    /// </summary>
    public Task<int> PingAndMoveHome(CancellationToken cancellationToken = default)
    {
        var silos = _keeper.PlacementSilos();
        if (silos.Count > 0 && DeadlineShardPlacement.HomeOf(this.GetGrainId(), silos) is var home && home != _silo)
        {
            _logger.LogInformation("Deadline shard {Shard} moves from {Silo} to its home {Home}", this.GetPrimaryKeyLong(), _silo, home);
            this.MigrateOnIdle();
        }
        return Ping(cancellationToken);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>
    /// Keeps one timer, on the earliest deadline not being fired; a new earlier deadline or a retry
    /// moves it. With every firing slot taken there is none: the next call to finish arms it.
    /// </summary>
    private void ArmTimer()
    {
        var next = _inFlight.Count < _options.MaxConcurrentFiresPerShard ? _waiting.Earliest : null;
        if (next == _timerDue && _timer is not null)
        {
            return;
        }
        _timer?.Dispose();
        _timer = null;
        _timerDue = next;
        if (next is { } at)
        {
            var delay = at - _clock.GetUtcNow();
            _timer = this.RegisterGrainTimer(FireDue, new GrainTimerCreationOptions
            {
                DueTime = delay > TimeSpan.Zero ? delay : TimeSpan.Zero,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
            });
        }
    }

    /// <summary>
    /// Calls the owners whose deadline is due, earliest first, without waiting for any of them: a
    /// slow owner (one storing state, or paging) must not hold back the deadlines due behind it.
    /// </summary>
    private Task FireDue(CancellationToken _)
    {
        _timerDue = null;
        var now = _clock.GetUtcNow();
        foreach (var key in _waiting.TakeDue(now, _options.MaxConcurrentFiresPerShard - _inFlight.Count))
        {
            _inFlight.Add(key);
            FireAsync(key, _deadlines[key], _armings.GetValueOrDefault(key)).Ignore();
        }
        ArmTimer();
        return Task.CompletedTask;
    }

    private async Task FireAsync(string key, DeadlineEntry deadline, long arming)
    {
        Exception? failure = null;
        var calledAt = _clock.GetUtcNow();
        try
        {
            await GrainFactory.GetGrain<IDeadlineOwner>(deadline.Owner).OnDeadline(deadline.Name, deadline.Due);
            // Measured when the owner was called: how late it could act, whatever its own work then took.
            _metrics.DeadlineFired(deadline, calledAt - deadline.Due);
        }
        catch (Exception e)
        {
            failure = e;
        }
        // Deactivated while the owner was called: the next activation fires again what is stored.
        if (_deactivated)
        {
            return;
        }
        _inFlight.Remove(key);
        var retryAt = (DateTimeOffset?)null;
        if (failure is not null)
        {
            _logger.LogWarning(failure, "Deadline {Name} of {Owner} due at {Due} failed; retrying in {RetryDelay}",
                deadline.Name, deadline.Owner, deadline.Due, _options.RetryDelay);
            retryAt = _clock.GetUtcNow() + _options.RetryDelay;
        }
        // Re-armed while its owner was being called: keep the new arming.
        else if (_armings.GetValueOrDefault(key) == arming)
        {
            _deadlines.Remove(key);
            _armings.Remove(key);
            StoreRemovalsBehind();
        }
        // Still held: re-armed during the call (its new due time), or failed (a retry, never before its due time).
        if (_deadlines.TryGetValue(key, out var held))
        {
            var retrying = retryAt > held.Due && _armings.GetValueOrDefault(key) == arming;
            _waiting.Schedule(key, retrying ? retryAt!.Value : held.Due);
        }
        ArmTimer();
    }

    /// <summary>
    /// Removing a fired deadline need not be stored before the next fire: a removal lost in a crash
    /// only fires that deadline again, and its owner ignores what it no longer holds. So removals
    /// are stored at most once per <see cref="DeadlineOptions.RemovalFlushInterval"/> (or with the
    /// next arm's write), instead of holding the shard's next fires behind a full-state write.
    /// </summary>
    private void StoreRemovalsBehind() =>
        _removalFlush ??= this.RegisterGrainTimer(async _ =>
        {
            try
            {
                await _commit.CommitAsync();
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Storing fired deadlines' removal failed; the next write of the shard stores it");
            }
            finally
            {
                _removalFlush?.Dispose();
                _removalFlush = null;
            }
        }, new GrainTimerCreationOptions { DueTime = _options.RemovalFlushInterval, Period = Timeout.InfiniteTimeSpan, Interleave = true });
}
