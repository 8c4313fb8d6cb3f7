using IncidentActors.Access;
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
                ? await QueryAsync([unit], query, cancellationToken)
                : new IncidentPage([], null);
        }
        var units = businessUnitId is not null
            ? [businessUnitId]
            : await GrainFactory.GetGrain<IBusinessUnitDirectoryGrain>(IBusinessUnitDirectoryGrain.Global).List(cancellationToken);
        return await QueryAsync(units, query, cancellationToken);
    }

    /// <summary>Only the units whose incidents the caller may read: a listing never shows, or counts, another unit's.</summary>
    private async Task<IncidentPage> QueryAsync(IEnumerable<string> units, IncidentQuery query, CancellationToken cancellationToken)
    {
        var ticket = AccessTicket.Current;
        var visible = ticket is null ? units : units.Where(ticket.Admits);
        var indexes = (await Task.WhenAll(visible.Select(unit => IncidentIndexPages.AllAsync(GrainFactory, unit, cancellationToken)))).SelectMany(pages => pages);
        var pages = await Task.WhenAll(indexes.Select(index => index.Query(query, cancellationToken)));
        return IncidentPaging.Merge(pages, query);
    }
}
