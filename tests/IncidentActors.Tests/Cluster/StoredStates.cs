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

    /// <summary>Changes what storage holds behind the grain's back, as someone with access to the storage account could.</summary>
    public static async Task ChangeAsync<T>(InProcessTestCluster cluster, string stateName, GrainId grainId, Action<T> change) where T : new()
    {
        var storage = cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
        var state = new GrainState<T>(new T());
        await storage.ReadStateAsync(stateName, grainId, state);
        change(state.State ?? throw new InvalidOperationException($"Nothing is stored for {grainId}."));
        await storage.WriteStateAsync(stateName, grainId, state);
    }

    /// <summary>Stores a state for a grain that has none yet, as an earlier version of it would have.</summary>
    public static Task WriteNewAsync<T>(InProcessTestCluster cluster, string stateName, GrainId grainId, T state) =>
        Storage(cluster).WriteStateAsync(stateName, grainId, new GrainState<T>(state));

    private static IGrainStorage Storage(InProcessTestCluster cluster) =>
        cluster.GetSiloServiceProvider(cluster.Silos[0].SiloAddress).GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
}
