using System.Collections.Concurrent;
using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace IncidentActors.Tests.Incidents;

/// <summary>The silo's grain storage, failing the next write of a grain when a test asks it to.</summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner, FaultyGrainStorage.Faults faults) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>Which grains' next writes fail; shared by every silo of an in-process cluster.</summary>
    public sealed class Faults
    {
        private readonly ConcurrentDictionary<GrainId, int> _failing = new();

        public void FailNextWrite(GrainId grain) => _failing.AddOrUpdate(grain, 1, (_, n) => n + 1);

        public bool Armed(GrainId grain) => _failing.TryGetValue(grain, out var n) && n > 0;

        public bool TakeFailure(GrainId grain) =>
            _failing.TryGetValue(grain, out var n) && n > 0 && _failing.TryUpdate(grain, n - 1, n);
    }

    /// <summary>Wraps whatever grain storage the silo registered for incidents.</summary>
    public static void Install(ISiloBuilder silo, Faults faults)
    {
        var services = silo.Services;
        var original = services.Last(d => d.ServiceType == typeof(IGrainStorage) && Equals(d.ServiceKey, StorageNames.Incidents));
        services.Remove(original);
        services.AddKeyedSingleton<IGrainStorage>(StorageNames.Incidents, (sp, key) =>
            new FaultyGrainStorage((IGrainStorage)original.KeyedImplementationFactory!(sp, key), faults));
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        faults.TakeFailure(grainId)
            ? Task.FromException(new OrleansException($"Injected failure of the next write of {grainId}"))
            : inner.WriteStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public void Participate(ISiloLifecycle lifecycle) => (inner as ILifecycleParticipant<ISiloLifecycle>)?.Participate(lifecycle);
}
