using IncidentActors.Incidents;
using Orleans.Storage;

namespace IncidentActors.Tests.Incidents;

/// <summary>Storage holding one incident as it was opened, for rules run on an <see cref="IncidentContext"/> without a cluster: commands are decided, never stored.</summary>
internal sealed class StoredIncident(IncidentState opened) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        grainState.State = (T)(object)opened;
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();
}
