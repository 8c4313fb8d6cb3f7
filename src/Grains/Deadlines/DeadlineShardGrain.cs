using IncidentActors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Concurrency;

namespace IncidentActors.Deadlines;

/// <summary>
/// Reentrant, so that arming stays cheap while owners are being called: arms and removals arriving
/// together are stored by one grouped write, each returning once stored.
/// </summary>
[Reentrant]
internal sealed class DeadlineShardGrain : Grain, IDeadlineShardGrain, IRemindable
{
    private const string BackstopReminder = "backstop";

    private readonly IPersistentState<DeadlineShardState> _state;
    private readonly TimeProvider _clock;
    private readonly DeadlineOptions _options;
    private readonly ILogger<DeadlineShardGrain> _logger;
    private readonly GroupCommit _commit;
    private IGrainTimer? _timer;
    private DateTimeOffset? _timerDue;
    private bool _firing;
    private IGrainTimer? _removalFlush;

    // Counts arms per deadline, so that firing removes only the arming it fired: an owner that
    // re-arms the same deadline for the same instant while being called must not lose it.
    private readonly Dictionary<string, long> _armings = new(StringComparer.Ordinal);

    public DeadlineShardGrain(
        [PersistentState("deadlines", StorageNames.Incidents)] IPersistentState<DeadlineShardState> state,
        TimeProvider clock,
        IOptions<DeadlineOptions> options,
        ILogger<DeadlineShardGrain> logger)
    {
        _state = state;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
        _commit = new GroupCommit(() => _state.WriteStateAsync());
    }

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Reminders tick at most once a minute: only the last line behind the membership-driven pings.
        await this.RegisterOrUpdateReminder(BackstopReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
        ArmTimer();
    }

    public async Task Arm(DeadlineEntry deadline, CancellationToken cancellationToken = default)
    {
        var key = DeadlineShardState.Key(deadline.Owner, deadline.Name);
        _state.State.Deadlines[key] = deadline;
        _armings[key] = _armings.GetValueOrDefault(key) + 1;
        await _commit.CommitAsync();
        ArmTimer();
    }

    public async Task Disarm(GrainId owner, string name, CancellationToken cancellationToken = default)
    {
        var key = DeadlineShardState.Key(owner, name);
        _armings.Remove(key);
        if (_state.State.Deadlines.Remove(key))
        {
            await _commit.CommitAsync();
            ArmTimer();
        }
    }

    public Task<int> Ping(CancellationToken cancellationToken = default) => Task.FromResult(_state.State.Deadlines.Count);

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    /// <summary>Keeps one timer, on the earliest deadline; a retry or a new earlier deadline moves it.</summary>
    private void ArmTimer(DateTimeOffset? notBefore = null)
    {
        if (_firing)
        {
            return;
        }
        var earliest = _state.State.Deadlines.Count == 0 ? (DateTimeOffset?)null : _state.State.Deadlines.Values.Min(d => d.Due);
        if (earliest is { } due && notBefore is { } retry && retry > due)
        {
            earliest = retry;
        }
        if (earliest == _timerDue && _timer is not null)
        {
            return;
        }
        _timer?.Dispose();
        _timer = null;
        _timerDue = earliest;
        if (earliest is { } next)
        {
            var delay = next - _clock.GetUtcNow();
            _timer = this.RegisterGrainTimer(FireDueAsync, new GrainTimerCreationOptions
            {
                DueTime = delay > TimeSpan.Zero ? delay : TimeSpan.Zero,
                Period = Timeout.InfiniteTimeSpan,
                Interleave = true,
            });
        }
    }

    private async Task FireDueAsync(CancellationToken _)
    {
        _firing = true;
        var retryAt = (DateTimeOffset?)null;
        try
        {
            var now = _clock.GetUtcNow();
            var due = _state.State.Deadlines
                .Where(d => d.Value.Due <= now)
                .Select(d => (Key: d.Key, Deadline: d.Value, Arming: _armings.GetValueOrDefault(d.Key)))
                .ToList();
            var outcomes = await Task.WhenAll(due.Select(d => FireAsync(d.Deadline)));
            var fired = due.Where((_, i) => outcomes[i]).ToList();
            foreach (var (key, _, arming) in fired)
            {
                // Re-armed while its owner was being called: keep the new arming.
                if (_armings.GetValueOrDefault(key) == arming)
                {
                    _state.State.Deadlines.Remove(key);
                    _armings.Remove(key);
                }
            }
            if (fired.Count > 0)
            {
                StoreRemovalsBehind();
            }
            if (fired.Count < due.Count)
            {
                retryAt = _clock.GetUtcNow() + _options.RetryDelay;
            }
        }
        finally
        {
            _firing = false;
            _timerDue = null;
            ArmTimer(retryAt);
        }
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

    private async Task<bool> FireAsync(DeadlineEntry deadline)
    {
        try
        {
            await GrainFactory.GetGrain<IDeadlineOwner>(deadline.Owner).OnDeadline(deadline.Name, deadline.Due);
            return true;
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Deadline {Name} of {Owner} due at {Due} failed; retrying in {RetryDelay}",
                deadline.Name, deadline.Owner, deadline.Due, _options.RetryDelay);
            return false;
        }
    }
}
