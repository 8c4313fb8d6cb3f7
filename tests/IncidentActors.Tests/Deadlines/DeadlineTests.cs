using IncidentActors.Deadlines;
using IncidentActors.Storage;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Storage;
using Orleans.Runtime;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Deadlines;

/// <summary>Durable deadlines on a cluster whose grain clock is fake and whose membership is real.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DeadlineTests(AzuriteFixture azurite)
{
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task DeadlineFiresOnceWhenDueAndNeverEarly()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var owner = UniqueOwner();
        var due = _clock.GetUtcNow().AddMinutes(5);
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).Arm("escalate", due);

        _clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        await Settle(cluster);
        Assert.Empty(FiredFor(owner));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var fired = await Eventually.Get(() => Task.FromResult(FiredFor(owner)), f => f.Count > 0, what: "the deadline to fire");
        await Settle(cluster);

        Assert.Equal(due, Assert.Single(FiredFor(owner)).FiredAt);
        Assert.Equal(due, fired[0].Due);
    }

    [Fact]
    public async Task DisarmedDeadlineDoesNotFire()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var owner = UniqueOwner();
        var probe = cluster.Client.GetGrain<IDeadlineProbeGrain>(owner);
        await probe.Arm("escalate", _clock.GetUtcNow().AddMinutes(1));
        await probe.Arm("handover", _clock.GetUtcNow().AddMinutes(2));

        await probe.Disarm("escalate");
        _clock.Advance(TimeSpan.FromMinutes(3));

        await Eventually.True(() => Task.FromResult(FiredFor(owner).Count > 0), what: "the remaining deadline to fire");
        await Settle(cluster);
        Assert.Equal(["handover"], FiredFor(owner).Select(f => f.Name));
    }

    [Fact]
    public async Task RearmingMovesTheDeadlineInsteadOfAddingOne()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var owner = UniqueOwner();
        var probe = cluster.Client.GetGrain<IDeadlineProbeGrain>(owner);
        await probe.Arm("escalate", _clock.GetUtcNow().AddMinutes(1));
        var later = _clock.GetUtcNow().AddMinutes(10);

        await probe.Arm("escalate", later);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Settle(cluster);
        Assert.Empty(FiredFor(owner));
        _clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.True(() => Task.FromResult(FiredFor(owner).Count > 0), what: "the moved deadline to fire");
        Assert.Equal(later, Assert.Single(FiredFor(owner)).Due);
    }

    [Fact]
    public async Task DeadlineRearmedForTheSameInstantWhileFiringFiresAgain()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var owner = UniqueOwner();
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).Arm("again", _clock.GetUtcNow().AddMinutes(1));

        _clock.Advance(TimeSpan.FromMinutes(1));

        await Eventually.True(() => Task.FromResult(FiredFor(owner).Count == 2), what: "the re-armed deadline to fire too");
    }

    [Fact]
    public async Task AnOwnerStillHandlingItsDeadlineDoesNotHoldBackTheNextInItsShard()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var slow = UniqueOwner();
        var shard = ShardOf(cluster, slow);
        var next = Enumerable.Range(0, 1000).Select(_ => UniqueOwner()).First(o => ShardOf(cluster, o) == shard);
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(slow).Arm("stall", _clock.GetUtcNow().AddMinutes(1));
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(next).Arm("escalate", _clock.GetUtcNow().AddMinutes(2));

        try
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.True(() => Task.FromResult(FiredFor(slow).Count == 1), what: "the slow owner's deadline to fire");
            _clock.Advance(TimeSpan.FromMinutes(1));
            await Eventually.True(() => Task.FromResult(FiredFor(next).Count == 1), what: "the next deadline to fire while the slow owner is still busy");
            // Still in flight: neither fired again nor retried.
            Assert.Single(FiredFor(slow));
        }
        finally
        {
            DeadlineProbeGrain.Stalls.GetOrAdd(slow, _ => new()).TrySetResult();
        }
        await Settle(cluster);
        Assert.Single(FiredFor(slow));
        Assert.Single(FiredFor(next));
    }

    [Fact]
    public async Task AShardCallsNoMoreOwnersAtOnceThanItsLimitAndGoesOnAsTheyFinish()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock,
            settings: new Dictionary<string, string?> { [$"{DeadlineOptions.Section}:{nameof(DeadlineOptions.MaxConcurrentFiresPerShard)}"] = "1" });
        var first = UniqueOwner();
        var shard = ShardOf(cluster, first);
        var second = Enumerable.Range(0, 1000).Select(_ => UniqueOwner()).First(o => ShardOf(cluster, o) == shard);
        var due = _clock.GetUtcNow().AddMinutes(1);
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(first).Arm("stall", due);
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(second).Arm("stall", due.AddMilliseconds(1));
        try
        {
            _clock.Advance(TimeSpan.FromMinutes(2));
            await Eventually.True(() => Task.FromResult(FiredFor(first).Count == 1), what: "the earlier deadline to fire");
            await Settle(cluster);
            Assert.Empty(FiredFor(second));

            DeadlineProbeGrain.Stalls.GetOrAdd(first, _ => new()).TrySetResult();
            await Eventually.True(() => Task.FromResult(FiredFor(second).Count == 1), what: "the next deadline to fire once a slot is free");
        }
        finally
        {
            DeadlineProbeGrain.Stalls.GetOrAdd(first, _ => new()).TrySetResult();
            DeadlineProbeGrain.Stalls.GetOrAdd(second, _ => new()).TrySetResult();
        }
    }

    /// <summary>Where silos' clocks are kept in step more loosely than the default allows for, the bound is raised.</summary>
    [Fact]
    public async Task AnOwnerWaitsOutAsMuchClockSkewAsConfiguredAndRefusesMore()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock,
            settings: new Dictionary<string, string?> { [$"{DeadlineOptions.Section}:{nameof(DeadlineOptions.MaxClockSkew)}"] = "00:00:05" });
        var waiting = UniqueOwner();
        var refused = UniqueOwner();
        // Three seconds early: refused under the default bound of one second.
        var due = _clock.GetUtcNow().AddSeconds(3);

        var fired = cluster.Client.GetGrain<IDeadlineProbeGrain>(waiting).OnDeadline("escalate", due);
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            cluster.Client.GetGrain<IDeadlineProbeGrain>(refused).OnDeadline("escalate", _clock.GetUtcNow().AddSeconds(6)));
        await Task.Delay(200);
        Assert.False(fired.IsCompleted, "the owner should wait for its clock to reach the deadline");
        _clock.Advance(TimeSpan.FromSeconds(3));
        await fired;

        Assert.Equal(due, Assert.Single(FiredFor(waiting)).FiredAt);
        Assert.Empty(FiredFor(refused));
    }

    [Theory]
    // What Orleans does to a survivor's activations whose directory entries lived on a silo that died.
    [InlineData(DeactivationReasonCode.DirectoryFailure)]
    // A migration that fails (its target died, say) deactivates the shard all the same, and nothing calls it again.
    [InlineData(DeactivationReasonCode.Migrating)]
    public async Task AShardDeactivatedWhileHoldingDeadlinesComesBackToFireThem(DeactivationReasonCode reason)
    {
        // No sweep and no reminder tick within the test: only the shard's own return can fire the deadline.
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock,
            settings: new Dictionary<string, string?> { [$"{DeadlineOptions.Section}:{nameof(DeadlineOptions.SweepInterval)}"] = "1.00:00:00" });
        var owner = UniqueOwner();
        var due = _clock.GetUtcNow().AddMinutes(5);
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).Arm("escalate", due);
        var shard = DeadlineShards.For(cluster.Client, cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).GetGrainId()).GetGrainId();
        Assert.True(cluster.TryGetGrainContext(shard, out var activation));

        activation!.Deactivate(new DeactivationReason(reason, "deactivated by the test"));
        await activation.Deactivated;
        await Eventually.True(() => Task.FromResult(cluster.TryGetGrainContext(shard, out var back) && back!.ActivationId != activation.ActivationId),
            TimeSpan.FromSeconds(10), "the shard to be active again");
        _clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.True(() => Task.FromResult(FiredFor(owner).Count > 0), TimeSpan.FromSeconds(10), "the deadline to fire");
        Assert.Equal(due, Assert.Single(FiredFor(owner)).FiredAt);
    }

    [Fact]
    public async Task DeadlinesOfAKilledSiloFireFromASurvivorAfterTheDeath()
    {
        // No sweep within the test: only the pings on the death (and their retries) can bring the shards back.
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 3, _clock,
            settings: new Dictionary<string, string?> { [$"{DeadlineOptions.Section}:{nameof(DeadlineOptions.SweepInterval)}"] = "1.00:00:00" });
        var owners = Enumerable.Range(0, 40).Select(_ => UniqueOwner()).ToList();
        var due = _clock.GetUtcNow().AddMinutes(1);
        await Task.WhenAll(owners.Select(o => cluster.Client.GetGrain<IDeadlineProbeGrain>(o).Arm("escalate", due)));
        // Placement is Orleans' choice: kill whichever silo hosts the most deadline shards.
        var shards = DeadlineShards.All(cluster.Client).Select(s => s.GetGrainId()).ToList();
        var victim = cluster.Silos.MaxBy(silo => shards.Count(id => HostedOn(cluster, id, silo.SiloAddress)))!;
        Assert.True(shards.Any(id => HostedOn(cluster, id, victim.SiloAddress)), "the killed silo should host some deadline shards");

        await cluster.KillSiloAsync(victim);
        _clock.Advance(TimeSpan.FromMinutes(1));

        // Membership must declare the death in real time, then a survivor re-activates the shards. A ping or a fire
        // that meets the dead silo is retried after DeadlineOptions.RetryDelay on the fake clock: let fake time pass
        // about as fast as real time meanwhile.
        await Eventually.Get(() =>
            {
                _clock.Advance(TimeSpan.FromMilliseconds(50));
                return Task.FromResult(string.Join(", ", owners.Where(o => FiredFor(o).Count == 0).Select(o => $"{o} (shard {ShardOf(cluster, o)})")));
            },
            missing => missing.Length == 0, TimeSpan.FromSeconds(45), "the deadlines not fired after the kill to be none");
        await Settle(cluster);
        // A survivor's shard deactivated just after a fire, before its removal was written behind, fires that deadline
        // again from storage (docs/deadlines.md, "When a silo dies"): delivery is at least once, and owners act once.
        Assert.All(owners, o => Assert.InRange(FiredFor(o).Count, 1, 2));
        var fired = owners.SelectMany(FiredFor).ToList();
        Assert.All(fired, f => Assert.NotEqual(victim.SiloAddress, f.Silo));
        Assert.All(fired, f => Assert.True(f.FiredAt >= f.Due));
    }

    [Fact]
    public async Task ShardsMoveToASiloThatJoinsWhenTheyBelongThereAndStillFireTheirDeadlines()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        // An owner in every shard: a shard holding nothing is not brought back after it moves, so it could not be seen home.
        var owners = Enumerable.Range(0, 1000).Select(_ => UniqueOwner()).DistinctBy(o => ShardOf(cluster, o)).ToList();
        Assert.Equal(DeadlineShards.Count, owners.Count);
        var due = _clock.GetUtcNow().AddMinutes(5);
        await Task.WhenAll(owners.Select(o => cluster.Client.GetGrain<IDeadlineProbeGrain>(o).Arm("escalate", due)));
        var shards = DeadlineShards.All(cluster.Client).Select(s => s.GetGrainId()).ToList();
        var first = cluster.Silos.Single().SiloAddress;
        Assert.All(shards, id => Assert.True(HostedOn(cluster, id, first)));

        var second = (await cluster.StartAdditionalSiloAsync()).SiloAddress;

        // Real time: the second silo must become active and the keepers' pings on its join must reach the shards.
        await Eventually.True(() => Task.FromResult(shards.All(id => HostedOn(cluster, id, DeadlineShardPlacement.HomeOf(id, [first, second])))),
            TimeSpan.FromSeconds(30), "every shard to be on its home silo");
        Assert.Contains(shards, id => HostedOn(cluster, id, second));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.True(() => Task.FromResult(owners.All(o => FiredFor(o).Count > 0)), TimeSpan.FromSeconds(10), "every deadline to fire");
        await Settle(cluster);
        Assert.All(owners, o => Assert.Equal(due, Assert.Single(FiredFor(o)).FiredAt));
    }

    [Fact]
    public async Task ArmingADeadlineRewritesOnlyTheStoredBucketThatHoldsIt()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var owners = OwnersInOneShard(cluster, 41);
        var shard = DeadlineShards.For(cluster.Client, cluster.Client.GetGrain<IDeadlineProbeGrain>(owners[0]).GetGrainId()).GetGrainId();
        var due = _clock.GetUtcNow().AddMinutes(5);
        foreach (var owner in owners.SkipLast(1))
        {
            await cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).Arm("escalate", due);
        }
        var before = await ReadBucketsAsync(cluster, shard);

        await cluster.Client.GetGrain<IDeadlineProbeGrain>(owners[^1]).Arm("escalate", due);

        var after = await ReadBucketsAsync(cluster, shard);
        var rewritten = Enumerable.Range(0, DeadlineBuckets.Count).Where(i => after[i].ETag != before[i].ETag).ToList();
        var bucket = Assert.Single(rewritten);
        var lastOwner = cluster.Client.GetGrain<IDeadlineProbeGrain>(owners[^1]).GetGrainId();
        Assert.Contains(after[bucket].State!.Deadlines.Values, d => d.Owner == lastOwner);
        Assert.Equal(owners.Length, after.Sum(b => b.State!.Deadlines.Count));
    }

    [Fact]
    public async Task DeadlinesAShardStoredAsOneRecordAreMovedIntoItsBucketsAndFire()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock,
            settings: new Dictionary<string, string?> { [$"{DeadlineOptions.Section}:{nameof(DeadlineOptions.SweepInterval)}"] = "1.00:00:00" });
        var owner = UniqueOwner();
        var ownerId = cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).GetGrainId();
        var shard = DeadlineShards.For(cluster.Client, ownerId);
        var due = _clock.GetUtcNow().AddMinutes(5);
        // Active with nothing armed, as before an upgrade; then started again on what storage holds.
        Assert.Equal(0, await shard.Ping());
        var storage = Storage(cluster);
        var whole = new GrainState<DeadlineShardState>(new DeadlineShardState());
        whole.State!.Deadlines[DeadlineShardState.Key(ownerId, "escalate")] = new DeadlineEntry(ownerId, "escalate", due);
        await storage.WriteStateAsync(DeadlineBuckets.WholeShardStateName, shard.GetGrainId(), whole);
        Assert.True(cluster.TryGetGrainContext(shard.GetGrainId(), out var activation));
        activation!.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "to read storage again"));
        await activation.Deactivated;
        Assert.Equal(1, await shard.Ping());
        _clock.Advance(TimeSpan.FromMinutes(5));

        await Eventually.True(() => Task.FromResult(FiredFor(owner).Count > 0), TimeSpan.FromSeconds(10), "the deadline to fire");
        Assert.Equal(due, Assert.Single(FiredFor(owner)).FiredAt);
        var left = new GrainState<DeadlineShardState>(new DeadlineShardState());
        await storage.ReadStateAsync(DeadlineBuckets.WholeShardStateName, shard.GetGrainId(), left);
        Assert.False(left.RecordExists);
    }

    [Fact]
    public async Task AShardDeactivatedBeforeItsRemovalsWereWrittenStoresThemOnTheWayOut()
    {
        // The removal flush runs on the grain clock, which the test holds still: only the deactivation can store it.
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock);
        var owner = UniqueOwner();
        var ownerId = cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).GetGrainId();
        var shard = DeadlineShards.For(cluster.Client, ownerId);
        await cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).Arm("escalate", _clock.GetUtcNow().AddMinutes(5));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Eventually.True(async () => FiredFor(owner).Count > 0 && await shard.Ping() == 0, TimeSpan.FromSeconds(10), "the deadline to fire and leave the shard");
        Assert.Contains(await ReadBucketsAsync(cluster, shard.GetGrainId()), b => b.State!.Deadlines.Values.Any(d => d.Owner == ownerId));

        Assert.True(cluster.TryGetGrainContext(shard.GetGrainId(), out var activation));
        activation!.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "to read storage again"));
        await activation.Deactivated;

        Assert.DoesNotContain(await ReadBucketsAsync(cluster, shard.GetGrainId()), b => b.State!.Deadlines.Values.Any(d => d.Owner == ownerId));
    }

    private static long ShardOf(InProcessTestCluster cluster, string owner) =>
        DeadlineShards.For(cluster.Client, cluster.Client.GetGrain<IDeadlineProbeGrain>(owner).GetGrainId()).GetPrimaryKeyLong();

    private static string[] OwnersInOneShard(InProcessTestCluster cluster, int count)
    {
        var first = UniqueOwner();
        var shard = ShardOf(cluster, first);
        return [first, .. Enumerable.Range(0, int.MaxValue).Select(_ => UniqueOwner()).Where(o => ShardOf(cluster, o) == shard).Take(count - 1)];
    }

    private static IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);

    /// <summary>What storage holds for each of a shard's buckets, with its ETag.</summary>
    private static async Task<GrainState<DeadlineShardState>[]> ReadBucketsAsync(InProcessTestCluster cluster, GrainId shard)
    {
        var storage = Storage(cluster);
        return await Task.WhenAll(Enumerable.Range(0, DeadlineBuckets.Count).Select(async i =>
        {
            var bucket = new GrainState<DeadlineShardState>(new DeadlineShardState());
            await storage.ReadStateAsync(DeadlineBuckets.BucketName(i), shard, bucket);
            return bucket;
        }));
    }

    private static string UniqueOwner() => Guid.NewGuid().ToString("N");

    private static List<FiredDeadline> FiredFor(string owner) => DeadlineProbeGrain.Fired.Where(f => f.Owner == owner).ToList();

    private static bool HostedOn(InProcessTestCluster cluster, GrainId grainId, SiloAddress silo) =>
        cluster.TryGetGrainContext(grainId, out var context) && silo.Equals(context?.Address.SiloAddress);

    /// <summary>Lets calls already under way finish, so that "nothing more fired" is a real observation.</summary>
    private static async Task Settle(InProcessTestCluster cluster)
    {
        await Task.WhenAll(DeadlineShards.All(cluster.Client).Select(s => s.Ping()));
        await Task.Delay(200);
    }
}
