using IncidentActors.Deadlines;

namespace IncidentActors.Deadlines;

/// <summary>Where a deadline is kept. The count is fixed: changing it would strand armed deadlines in old shards.</summary>
public static class DeadlineShards
{
    public const int Count = 32;

    public static IDeadlineShardGrain For(IGrainFactory grains, GrainId owner) =>
        grains.GetGrain<IDeadlineShardGrain>(owner.GetUniformHashCode() % Count);

    public static IEnumerable<IDeadlineShardGrain> All(IGrainFactory grains) =>
        Enumerable.Range(0, Count).Select(i => grains.GetGrain<IDeadlineShardGrain>(i));
}
