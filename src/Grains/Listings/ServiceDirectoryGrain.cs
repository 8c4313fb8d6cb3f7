using IncidentActors.Access;
using IncidentActors.BusinessUnits;
using IncidentActors.Storage;
using Orleans.Concurrency;

namespace IncidentActors.Services;

/// <summary>Reentrant, so that listings interleave and registrations arriving together are stored by one write.</summary>
[Reentrant]
internal sealed class ServiceDirectoryGrain(
    [PersistentState("serviceDirectory", StorageNames.Incidents)] IPersistentState<ServiceDirectoryState> state)
    : Grain, IServiceDirectoryGrain
{
    private GroupCommit? _commit;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Seeded)
        {
            return;
        }
        // Every registration has told the home directory its service's unit since the catalog's first days: the
        // services registered before this directory existed are listed from there.
        var known = await GrainFactory.GetGrain<IHomeDirectoryGrain>(IHomeDirectoryGrain.Global).BusinessUnitsByService(cancellationToken);
        foreach (var (serviceId, businessUnitId) in known)
        {
            state.State.BusinessUnitByService.TryAdd(serviceId, businessUnitId);
        }
        state.State.Seeded = true;
        await state.WriteStateAsync(cancellationToken);
    }

    public Task Record(string serviceId, string businessUnitId, CancellationToken cancellationToken = default)
    {
        var services = state.State.BusinessUnitByService;
        if (services.TryGetValue(serviceId, out var known) && known == businessUnitId)
        {
            return Task.CompletedTask;
        }
        services[serviceId] = businessUnitId;
        _commit ??= new GroupCommit(WriteAsync);
        return _commit.CommitAsync();
    }

    public Task<ServiceDirectoryPage> List(ServiceListQuery query, CancellationToken cancellationToken = default)
    {
        var ticket = AccessTicket.Current;
        return Task.FromResult(ServiceDirectoryPaging.Page(state.State.BusinessUnitByService, query, unit => ticket is null || ticket.Admits(unit)));
    }

    private async Task WriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The unstored entry stays in memory, where a retried Record would take it as known: the next activation
            // reads what was stored instead.
            DeactivateOnIdle();
            throw;
        }
    }
}
