using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Services;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class ServiceCatalogService(IGrainFactory grains) : ServiceCatalog.ServiceCatalogBase
{
    public override async Task<Service> RegisterService(RegisterServiceRequest request, ServerCallContext context) =>
        ServiceWireMapping.ToWire(await Service(request.Id).Register(ServiceWireMapping.ToDomain(request), context.CancellationToken));

    public override async Task<Service> GetService(GetServiceRequest request, ServerCallContext context) =>
        ServiceWireMapping.ToWire(await Service(request.Id).Get(context.CancellationToken));

    public override async Task<Service> ScheduleMaintenance(ScheduleMaintenanceRequest request, ServerCallContext context) =>
        ServiceWireMapping.ToWire(await ServiceOf(request.ServiceId)
            .ScheduleMaintenance(ServiceWireMapping.ToDomain(request.Window), context.CancellationToken));

    public override async Task<Service> EndMaintenance(EndMaintenanceRequest request, ServerCallContext context) =>
        ServiceWireMapping.ToWire(await ServiceOf(request.ServiceId)
            .EndMaintenance(RequestIds.Require("window_id", request.WindowId), context.CancellationToken));

    public override async Task<Service> OverrideChangeFreeze(OverrideChangeFreezeRequest request, ServerCallContext context)
    {
        var service = ServiceOf(request.ServiceId);
        await service.OverrideChangeFreeze(request.ChangeReference, request.Reason, AccessInterceptor.Caller(context).Id, context.CancellationToken);
        return ServiceWireMapping.ToWire(await service.Get(context.CancellationToken));
    }

    public override async Task<Service> MonitorHeartbeat(MonitorHeartbeatRequest request, ServerCallContext context) =>
        ServiceWireMapping.ToWire(await ServiceOf(request.ServiceId).MonitorHeartbeat(
            new HeartbeatMonitor(request.Interval?.ToTimeSpan() ?? TimeSpan.Zero, request.Grace?.ToTimeSpan() ?? TimeSpan.Zero, request.AutoResolve),
            context.CancellationToken));

    public override async Task<Service> SendHeartbeat(SendHeartbeatRequest request, ServerCallContext context) =>
        ServiceWireMapping.ToWire(await ServiceOf(request.ServiceId).Heartbeat(context.CancellationToken));

    public override async Task<ListServicesResponse> ListServices(ListServicesRequest request, ServerCallContext context)
    {
        var businessUnitId = WireMapping.Optional(request.BusinessUnitId) is { } unit ? RequestIds.Require("business_unit_id", unit) : null;
        var page = await grains.GetGrain<IServiceDirectoryGrain>(IServiceDirectoryGrain.Global).List(
            new ServiceListQuery(businessUnitId, request.PageSize, PageTokens.DecodeId(request.PageToken)), context.CancellationToken);
        var services = await Task.WhenAll(page.ServiceIds.Select(id => grains.GetGrain<IServiceGrain>(id).Find(context.CancellationToken)));
        var response = new ListServicesResponse { NextPageToken = PageTokens.EncodeId(page.Next) };
        response.Services.AddRange(services.OfType<ServiceView>().Select(ServiceWireMapping.ToWire));
        return response;
    }

    private IServiceGrain Service(string id) => grains.GetGrain<IServiceGrain>(RequestIds.Require("id", id));

    private IServiceGrain ServiceOf(string serviceId) => grains.GetGrain<IServiceGrain>(RequestIds.Require("service_id", serviceId));
}
