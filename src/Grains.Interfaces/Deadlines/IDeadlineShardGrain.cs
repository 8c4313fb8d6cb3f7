namespace IncidentActors.Deadlines;

/// <summary>
/// One partition of the cluster's armed deadlines, keyed by shard number. It stores them, keeps a
/// grain timer on the earliest, and calls each owner when due. Shards that lived on a dead silo are
/// re-activated by the survivors as soon as membership declares the death.
/// </summary>
[Alias("IncidentActors.Deadlines.IDeadlineShardGrain")]
public interface IDeadlineShardGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the deadline (replacing one of the same owner and name) before returning.</summary>
    [Alias("Arm")]
    Task Arm(DeadlineEntry deadline, CancellationToken cancellationToken = default);

    [Alias("Disarm")]
    Task Disarm(GrainId owner, string name, CancellationToken cancellationToken = default);

    /// <summary>Activates the shard, which then fires whatever is overdue.</summary>
    [Alias("Ping")]
    Task<int> Ping(CancellationToken cancellationToken = default);

    /// <summary>
    /// Activates the shard as <see cref="Ping"/> does, and moves it to the silo where it belongs in the
    /// current membership if it is elsewhere.
    /// </summary>
    [Alias("PingAndMoveHome")]
    Task<int> PingAndMoveHome(CancellationToken cancellationToken = default);
}
