namespace IncidentActors.Deadlines;

/// <summary>
/// One grain's side of its deadlines: arms and disarms them in the shard that keeps them, and holds back the disarms
/// that must wait until the change that made them unneeded is stored, since a failed write must leave them armed.
/// </summary>
internal sealed class OwnedDeadlines(IGrainFactory grains, GrainId owner)
{
    private readonly List<string> _disarmAfterStore = [];

    private IDeadlineShardGrain Shard => DeadlineShards.For(grains, owner);

    /// <summary>Armed before the owner's own write: a crash in between leaves a deadline the owner ignores, never a lost one.</summary>
    public Task ArmAsync(string name, DateTimeOffset due, CancellationToken cancellationToken) =>
        Shard.Arm(new DeadlineEntry(owner, name, due), cancellationToken);

    public Task DisarmAsync(string name, CancellationToken cancellationToken) => Shard.Disarm(owner, name, cancellationToken);

    /// <summary>
    /// Disarmed by <see cref="DisarmStoredAsync"/> once the change is stored. One left armed after all is only ignored
    /// when it fires; disarming keeps the shard small.
    /// </summary>
    public void DisarmAfterStore(string name) => _disarmAfterStore.Add(name);

    /// <summary>Each disarm goes through <paramref name="observe"/>, so that one failing does not keep the others armed.</summary>
    public async Task DisarmStoredAsync(Func<Task, Task> observe, CancellationToken cancellationToken)
    {
        foreach (var name in _disarmAfterStore)
        {
            await observe(DisarmAsync(name, cancellationToken));
        }
        _disarmAfterStore.Clear();
    }

    /// <summary>The write failed: what it would have disarmed stays armed.</summary>
    public void ForgetUnstored() => _disarmAfterStore.Clear();
}
