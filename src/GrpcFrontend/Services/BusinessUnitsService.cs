using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.BusinessUnits;
using IncidentActors.GrpcFrontend.Access;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class BusinessUnitsService(IGrainFactory grains) : Api.V1.BusinessUnits.BusinessUnitsBase
{
    public override async Task<BusinessUnit> DefineBusinessUnit(BusinessUnit request, ServerCallContext context)
    {
        var stored = await Unit(request.Id).Define(BusinessUnitWireMapping.ToDomain(request), context.CancellationToken);
        return BusinessUnitWireMapping.ToWire(stored);
    }

    public override async Task<BusinessUnit> GetBusinessUnit(GetBusinessUnitRequest request, ServerCallContext context)
    {
        var unit = Unit(request.Id);
        var wire = BusinessUnitWireMapping.ToWire(await unit.Get(context.CancellationToken));
        wire.LegalHold = BusinessUnitWireMapping.ToWire((await unit.GetRetention(context.CancellationToken)).Hold);
        return wire;
    }

    public override async Task<Api.V1.ClassificationRules> PublishClassificationRules(PublishClassificationRulesRequest request, ServerCallContext context)
    {
        var unitId = RequestIds.Require("business_unit_id", request.BusinessUnitId);
        var published = await grains.GetGrain<IBusinessUnitGrain>(unitId)
            .PublishClassificationRules(BusinessUnitWireMapping.ToDomain(request.Rules), AccessInterceptor.Caller(context).Id, context.CancellationToken);
        return BusinessUnitWireMapping.ToWire(unitId, published);
    }

    public override async Task<Api.V1.ClassificationRules> GetClassificationRules(GetClassificationRulesRequest request, ServerCallContext context)
    {
        var unitId = RequestIds.Require("business_unit_id", request.BusinessUnitId);
        var rules = await grains.GetGrain<IBusinessUnitGrain>(unitId)
            .GetClassificationRules(request.Version == 0 ? null : request.Version, context.CancellationToken);
        return BusinessUnitWireMapping.ToWire(unitId, rules);
    }

    private IBusinessUnitGrain Unit(string id) => grains.GetGrain<IBusinessUnitGrain>(RequestIds.Require("id", id));
}
