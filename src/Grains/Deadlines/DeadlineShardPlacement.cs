using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace IncidentActors.Deadlines;

/// <summary>
/// Spreads the deadline shards over the silos by rendezvous hashing: each shard belongs on the silo
/// that scores highest for it, so every silo computes the same home from the same membership, and a
/// silo joining or leaving moves only the shards that score highest on it. Orleans' own placements
/// either keep an activation where its first caller was (the first silo up would host every shard,
/// and its death would move them all at once) or hash without moving what is already active.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class DeadlineShardPlacement : PlacementStrategy
{
    public static readonly DeadlineShardPlacement Instance = new();

    /// <summary>The silo among <paramref name="silos"/> where <paramref name="shard"/> belongs.</summary>
    public static SiloAddress HomeOf(GrainId shard, IEnumerable<SiloAddress> silos)
    {
        var key = shard.GetUniformHashCode();
        // Ties broken by the address's own hash, so that every silo picks the same one.
        return silos.MaxBy(silo => (Score(key, (uint)silo.GetConsistentHashCode()), (uint)silo.GetConsistentHashCode()))
            ?? throw new InvalidOperationException("No silo to place a deadline shard on.");
    }

    /// <summary>Both hashes are stable across processes; the SplitMix64 finalizer mixes them so that each silo's scores look independent.</summary>
    private static ulong Score(uint shard, uint silo)
    {
        var z = ((ulong)shard << 32 | silo) + 0x9E3779B97F4A7C15;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}

/// <summary>Marks the deadline shards, placed by <see cref="DeadlineShardPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class DeadlineShardPlacementAttribute() : PlacementAttribute(DeadlineShardPlacement.Instance);

internal sealed class DeadlineShardPlacementDirector : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context) =>
        Task.FromResult(DeadlineShardPlacement.HomeOf(target.GrainIdentity, context.GetCompatibleSilos(target)));
}
