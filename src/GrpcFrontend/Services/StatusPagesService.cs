using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.StatusPages;
using Domain = IncidentActors.StatusPages;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class StatusPagesService(IGrainFactory grains) : Api.V1.StatusPages.StatusPagesBase
{
    public override async Task<Api.V1.StatusPage> DefineStatusPage(Api.V1.StatusPage request, ServerCallContext context) =>
        ToWire(await Page(request.Id).Define(ToDomain(request), Access.AccessInterceptor.Caller(context).Id, context.CancellationToken));

    public override async Task<Api.V1.StatusPage> GetStatusPage(GetStatusPageRequest request, ServerCallContext context) =>
        ToWire(await Page(request.Id).Get(context.CancellationToken));

    private IStatusPageGrain Page(string id) => grains.GetGrain<IStatusPageGrain>(RequestIds.Require("id", id));

    private static StatusPageDefinition ToDomain(Api.V1.StatusPage page) => new(page.Id, page.Title, page.BusinessUnitId,
        [.. page.Components.Select(c => new Domain.StatusComponent(c.ServiceId, c.DisplayName))],
        page.Visibility switch
        {
            Api.V1.StatusPageVisibility.Public => Domain.StatusPageVisibility.Public,
            Api.V1.StatusPageVisibility.Internal => Domain.StatusPageVisibility.Internal,
            _ => throw new Errors.InvalidRequestException("visibility", "must be public or internal."),
        });

    private static Api.V1.StatusPage ToWire(Domain.StatusPage page) => new()
    {
        Id = page.Definition.Id,
        Title = page.Definition.Title,
        BusinessUnitId = page.Definition.BusinessUnitId,
        Components = { page.Definition.Components.Select(c => new Api.V1.StatusComponent { ServiceId = c.ServiceId, DisplayName = c.DisplayName }) },
        Visibility = page.Definition.Visibility == Domain.StatusPageVisibility.Public ? Api.V1.StatusPageVisibility.Public : Api.V1.StatusPageVisibility.Internal,
        Version = page.Version,
        DefinedAt = Timestamp.FromDateTimeOffset(page.DefinedAt),
        DefinedBy = page.DefinedBy,
        Path = StatusPages.StatusPageEndpoints.PathOf(page.Definition.Id),
    };
}
