using System.Collections.Immutable;
using IncidentActors.Storage;

namespace IncidentActors.Incidents;

internal sealed class BusinessUnitDirectoryGrain(
    [PersistentState("businessUnits", StorageNames.Incidents)] IPersistentState<BusinessUnitDirectoryState> state)
    : Grain, IBusinessUnitDirectoryGrain
{
    public async Task Add(string businessUnitId, CancellationToken cancellationToken = default)
    {
        if (state.State.BusinessUnits.Add(businessUnitId))
        {
            await state.WriteStateAsync(cancellationToken);
        }
    }

    public Task<ImmutableArray<string>> List(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.BusinessUnits.ToImmutableArray());
}
