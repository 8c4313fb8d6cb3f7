using System.Collections.Immutable;
using IncidentActors.Storage;

namespace IncidentActors.Audit;

internal sealed class AuditPageGrain(
    [PersistentState("auditPage", StorageNames.Incidents)] IPersistentState<AuditPageState> state) : Grain, IAuditPageGrain
{
    public async Task<int> Append(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        state.State.Entries.Add(entry);
        await state.WriteStateAsync(cancellationToken);
        return state.State.Entries.Count;
    }

    public Task<ImmutableArray<AuditEntry>> Entries(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Entries.ToImmutableArray());
}
