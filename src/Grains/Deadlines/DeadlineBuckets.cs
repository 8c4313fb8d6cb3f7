using IncidentActors.Storage;
using Orleans.Storage;

namespace IncidentActors.Deadlines;

/// <summary>
/// A shard's deadlines, stored as <see cref="Count"/> buckets (see <see cref="StateBuckets{TState, TItem}"/>): a shard
/// holding every deadline in one record rewrote all of them on each arm and removal.
/// </summary>
internal static class DeadlineBuckets
{
    public const int Count = 64;

    /// <summary>Where a shard kept all its deadlines before they were bucketed; folded into the buckets when found.</summary>
    public const string WholeShardStateName = "deadlines";

    public static StateBuckets<DeadlineShardState, DeadlineEntry> For(IGrainStorage storage, GrainId shard) =>
        new(storage, shard, WholeShardStateName, Count, s => s.Deadlines);
}
