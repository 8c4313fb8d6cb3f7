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
        _state.State.Deadlines[DeadlineShardState.Key(deadline.Owner, deadline.Name)] = deadline;
        await _commit.CommitAsync();
        ArmTimer();
    }

    public async Task Disarm(GrainId owner, string name, CancellationToken cancellationToken = default)
    {
        if (_state.State.Deadlines.Remove(DeadlineShardState.Key(owner, name)))
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
            var due = _state.State.Deadlines.Values.Where(d => d.Due <= now).ToList();
            var outcomes = await Task.WhenAll(due.Select(FireAsync));
            var fired = due.Where((_, i) => outcomes[i]).ToList();
            foreach (var deadline in fired)
            {
                var key = DeadlineShardState.Key(deadline.Owner, deadline.Name);
                // Re-armed for a later time while its owner was being called: keep the new one.
                if (_state.State.Deadlines.TryGetValue(key, out var current) && current == deadline)
                {
                    _state.State.Deadlines.Remove(key);
                }
            }
            if (fired.Count > 0)
            {
                await _commit.CommitAsync();
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
