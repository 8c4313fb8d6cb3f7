using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Services;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class ServiceCatalogService(IGrainFactory grains) : ServiceCatalog.ServiceCatalogBase
{
    public override async Task<Service> RegisterService(RegisterServiceRequest request, ServerCallContext context)
    {
        var definition = new ServiceDefinition(request.Id, request.Name, request.OwnerTeam, request.BusinessUnitId,
            WireMapping.Optional(request.EscalationPolicyId));
        var view = await Service(request.Id).Register(definition, context.CancellationToken);
        return WireMapping.ToWire(view);
    }

    public override async Task<Service> GetService(GetServiceRequest request, ServerCallContext context) =>
        WireMapping.ToWire(await Service(request.Id).Get(context.CancellationToken));

    private IServiceGrain Service(string id) => grains.GetGrain<IServiceGrain>(RequestIds.Require("id", id));
}
