using System.Net;
using IncidentActors.Deadlines;
using Orleans.Runtime;
using Xunit;

namespace IncidentActors.Tests.Deadlines;

public sealed class DeadlineShardPlacementTests
{
    private static readonly List<GrainId> Shards =
        [.. Enumerable.Range(0, DeadlineShards.Count).Select(i => GrainId.Create("deadlineshard", i.ToString()))];

    [Fact]
    public void EverySiloGetsShardsAndTheHomeDoesNotDependOnTheOrderSilosAreListedIn()
    {
        var silos = Silos(3);

        var homes = Shards.Select(s => DeadlineShardPlacement.HomeOf(s, silos)).ToList();

        Assert.All(silos, silo => Assert.InRange(homes.Count(h => h == silo), 4, 20));
        Assert.Equal(homes, Shards.Select(s => DeadlineShardPlacement.HomeOf(s, Enumerable.Reverse(silos))));
    }

    [Fact]
    public void ASiloJoiningTakesOnlyTheShardsThatNowBelongOnIt()
    {
        var three = Silos(3);
        var four = Silos(4);

        foreach (var shard in Shards)
        {
            var before = DeadlineShardPlacement.HomeOf(shard, three);
            var after = DeadlineShardPlacement.HomeOf(shard, four);
            Assert.True(after == before || after == four[3], $"shard {shard} moved from {before} to {after}, not to the silo that joined");
        }
        Assert.Contains(Shards, shard => DeadlineShardPlacement.HomeOf(shard, four) == four[3]);
    }

    private static List<SiloAddress> Silos(int count) =>
        [.. Enumerable.Range(0, count).Select(i => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111 + i), 100 + i))];
}
