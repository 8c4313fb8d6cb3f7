using IncidentActors.Errors;
using IncidentActors.Services;
using Orleans.Concurrency;

namespace IncidentActors.Incidents;

[StatelessWorker]
internal sealed class IncidentSearchGrain : Grain, IIncidentSearchGrain
{
    public async Task<IncidentPage> Search(string? businessUnitId, IncidentQuery query, CancellationToken cancellationToken = default)
    {
        if (query.PageSize is < 0 or > IncidentPaging.MaxPageSize)
        {
            throw new InvalidRequestException("page_size", $"must be between 1 and {IncidentPaging.MaxPageSize}, or 0 for {IncidentPaging.DefaultPageSize}.");
        }
        if (query.ServiceId is { } serviceId)
        {
            var service = await GrainFactory.GetGrain<IServiceGrain>(serviceId).Get(cancellationToken);
            var unit = service.Definition.BusinessUnitId;
            return businessUnitId is null || businessUnitId == unit
                ? await Index(unit).Query(query, cancellationToken)
                : new IncidentPage([], null);
        }
        if (businessUnitId is not null)
        {
            return await Index(businessUnitId).Query(query, cancellationToken);
        }
        var units = await GrainFactory.GetGrain<IBusinessUnitDirectoryGrain>(IBusinessUnitDirectoryGrain.Global).List(cancellationToken);
        var pages = await Task.WhenAll(units.Select(u => Index(u).Query(query, cancellationToken)));
        return IncidentPaging.Merge(pages, query);
    }

    private IIncidentIndexGrain Index(string businessUnitId) => GrainFactory.GetGrain<IIncidentIndexGrain>(businessUnitId);
}
