using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Storage;
using Orleans.Concurrency;

namespace IncidentActors.Placement;

[Reentrant]
internal sealed class HomeDirectoryGrain(
    [PersistentState("homeDirectory", StorageNames.Incidents)] IPersistentState<HomeDirectoryState> state)
    : Grain, IHomeDirectoryGrain
{
    private readonly GroupCommit _commit = new(() => state.WriteStateAsync());

    public Task SetRegion(string businessUnitId, string region, CancellationToken cancellationToken = default) =>
        Set(state.State.RegionByBusinessUnit, businessUnitId, region);

    public Task SetBusinessUnit(string serviceId, string businessUnitId, CancellationToken cancellationToken = default) =>
        Set(state.State.BusinessUnitByService, serviceId, businessUnitId);

    public Task<string?> RegionOf(string? businessUnitId, string? serviceId, CancellationToken cancellationToken = default)
    {
        var unit = businessUnitId ?? (serviceId is not null && state.State.BusinessUnitByService.TryGetValue(serviceId, out var owner) ? owner : null);
        return Task.FromResult(unit is not null && state.State.RegionByBusinessUnit.TryGetValue(unit, out var region) ? region : null);
    }

    public Task<ImmutableDictionary<string, string>> BusinessUnitsByService(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.BusinessUnitByService.ToImmutableDictionary(StringComparer.Ordinal));

    private Task Set(Dictionary<string, string> map, string key, string value)
    {
        if (map.TryGetValue(key, out var known) && known == value)
        {
            return Task.CompletedTask;
        }
        map[key] = value;
        return _commit.CommitAsync();
    }
}
