using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.BusinessUnits;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class BusinessUnitsService(IGrainFactory grains) : Api.V1.BusinessUnits.BusinessUnitsBase
{
    public override async Task<BusinessUnit> DefineBusinessUnit(BusinessUnit request, ServerCallContext context)
    {
        var stored = await Unit(request.Id).Define(BusinessUnitWireMapping.ToDomain(request), context.CancellationToken);
        return BusinessUnitWireMapping.ToWire(stored);
    }

    public override async Task<BusinessUnit> GetBusinessUnit(GetBusinessUnitRequest request, ServerCallContext context) =>
        BusinessUnitWireMapping.ToWire(await Unit(request.Id).Get(context.CancellationToken));

    private IBusinessUnitGrain Unit(string id) => grains.GetGrain<IBusinessUnitGrain>(RequestIds.Require("id", id));
}
