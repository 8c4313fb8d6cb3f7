using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace IncidentActors.Tests.Cluster;

internal static class StoredStates
{
    /// <summary>What storage holds of an incident-side grain's state, not what its (maybe still active) grain has in memory.</summary>
    public static async Task<T> ReadAsync<T>(InProcessTestCluster cluster, string stateName, GrainId grainId) where T : new()
    {
        var state = new GrainState<T>(new T());
        await Storage(cluster).ReadStateAsync(stateName, grainId, state);
        return state.State ?? new T();
    }

    /// <summary>Stores a state for a grain that has none yet, as an earlier version of it would have.</summary>
    public static Task WriteNewAsync<T>(InProcessTestCluster cluster, string stateName, GrainId grainId, T state) =>
        Storage(cluster).WriteStateAsync(stateName, grainId, new GrainState<T>(state));

    private static IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
}
