using IncidentActors.Alerts;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.Storage;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Responders;

/// <summary>A responder's notification log: its order, its bound, and how it is laid out in storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class NotificationLogTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task APageRewritesOnlyTheLogBucketThatHoldsIt()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var responder = cluster.Client.GetGrain<IResponderGrain>("alice");
        for (var i = 0; i < 40; i++)
        {
            await responder.Page(PageOf("alice", i));
        }
        var before = await ReadBucketsAsync(cluster, responder.GetGrainId());

        await responder.Page(PageOf("alice", 40));

        var after = await ReadBucketsAsync(cluster, responder.GetGrainId());
        var bucket = Assert.Single(Enumerable.Range(0, ResponderGrain.LogBuckets), i => after[i].ETag != before[i].ETag);
        Assert.Contains(PageOf("alice", 40).IdempotencyKey, after[bucket].State!.Notifications.Keys);
        Assert.Equal(41, after.Sum(b => b.State!.Notifications.Count));
        // Spread out, or a bucket would be as large as the log.
        Assert.True(after.Count(b => b.State!.Notifications.Count > 0) > ResponderGrain.LogBuckets / 2);
    }

    [Fact]
    public async Task TheLogListsNewestFirstAndForgetsTheOldestSettledPageBeyondItsBound()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var responder = cluster.Client.GetGrain<IResponderGrain>("bob");
        for (var i = 0; i <= ResponderGrain.MaxNotifications; i++)
        {
            await responder.Page(PageOf("bob", i));
        }

        var log = await responder.Notifications(ResponderGrain.MaxNotifications);

        Assert.Equal(Enumerable.Range(1, ResponderGrain.MaxNotifications).Reverse().Select(i => PageOf("bob", i).IdempotencyKey),
            log.Select(n => n.Page.IdempotencyKey));
        // Read back from storage, not from the activation.
        Assert.True(cluster.TryGetGrainContext(responder.GetGrainId(), out var activation));
        activation!.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "to read storage again"));
        await activation.Deactivated;
        Assert.Equal(log.Select(n => n.Page), (await responder.Notifications(ResponderGrain.MaxNotifications)).Select(n => n.Page));
    }

    [Fact]
    public async Task ALogKeptInTheResponderRecordMovesIntoBucketsInItsOrder()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        var responder = cluster.Client.GetGrain<IResponderGrain>("carol");
        // As a responder stored its log before it was bucketed, before it was first activated.
        var stored = new GrainState<ResponderState>(new ResponderState { Definition = new ResponderDefinition("carol", "Carol", "UTC", []) });
        stored.State!.Notifications.AddRange(Enumerable.Range(0, 3).Select(i => new NotificationRecord(PageOf("carol", i), [])));
        await StoredState.Storage(cluster).WriteStateAsync("responder", responder.GetGrainId(), stored);

        await responder.Page(PageOf("carol", 3));

        Assert.Equal([3, 2, 1, 0], (await responder.Notifications(10)).Select(n => n.Page.Level));
        var left = new GrainState<ResponderState>(new ResponderState());
        await StoredState.Storage(cluster).ReadStateAsync("responder", responder.GetGrainId(), left);
        Assert.Empty(left.State!.Notifications);
        Assert.Equal("Carol", left.State.Definition?.Name);
        Assert.Equal(4, (await ReadBucketsAsync(cluster, responder.GetGrainId())).Sum(b => b.State!.Notifications.Count));
    }

    /// <summary>Page <paramref name="n"/> to a responder, its number carried in its level so that order shows.</summary>
    private static Page PageOf(string responderId, int n) =>
        new($"inc-{n}/1/0", $"inc-{n}", responderId, "Checkout down", AlertSeverity.Critical, n, 0, "level 1", DateTimeOffset.UnixEpoch.AddMinutes(n));

    private static Task<GrainState<NotificationLogBucket>[]> ReadBucketsAsync(InProcessTestCluster cluster, GrainId responder) =>
        StoredState.BucketsAsync<NotificationLogBucket>(cluster, responder, ResponderGrain.LogStateName, ResponderGrain.LogBuckets);
}
