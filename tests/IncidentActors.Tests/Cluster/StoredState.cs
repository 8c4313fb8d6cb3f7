using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace IncidentActors.Tests.Cluster;

/// <summary>What storage holds for a grain, rather than what its activation has in memory.</summary>
internal static class StoredState
{
    public static IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);

    /// <summary>Each of a grain's state buckets as stored, with its ETag.</summary>
    public static Task<GrainState<TState>[]> BucketsAsync<TState>(InProcessTestCluster cluster, GrainId grain, string stateName, int count)
        where TState : class, new() =>
        Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var bucket = new GrainState<TState>(new TState());
            await Storage(cluster).ReadStateAsync(StateBuckets.Name(stateName, i), grain, bucket);
            return bucket;
        }));
}
