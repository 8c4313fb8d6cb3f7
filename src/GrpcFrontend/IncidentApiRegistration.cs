using IncidentActors.GrpcFrontend.Services;
using IncidentActors.GrpcFrontend.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.GrpcFrontend;

public static class IncidentApiRegistration
{
    /// <summary>
    /// The gRPC services, their error mapping, reflection and the standard health service. The host
    /// adds the health checks that the health service reports. Only VendorPortal authenticates its callers.
    /// </summary>
    public static IServiceCollection AddIncidentApi(this IServiceCollection services)
    {
        services.AddGrpc(o => o.Interceptors.Add<DomainErrorInterceptor>())
            .AddServiceOptions<VendorPortalService>(o => o.Interceptors.Add<VendorAccessInterceptor>());
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        services.AddSingleton<ObserverSubscriptions>();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ServiceCatalogService>();
        endpoints.MapGrpcService<AlertIntakeService>();
        endpoints.MapGrpcService<IncidentsService>();
        endpoints.MapGrpcService<EscalationPoliciesService>();
        endpoints.MapGrpcService<RespondersService>();
        endpoints.MapGrpcService<OnCallService>();
        endpoints.MapGrpcService<BusinessUnitsService>();
        endpoints.MapGrpcService<CommandService>();
        endpoints.MapGrpcService<VendorsService>();
        endpoints.MapGrpcService<VendorPortalService>();
        endpoints.MapGrpcService<AuditService>();
        endpoints.MapGrpcReflectionService();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapAlertWebhooks();
        return endpoints;
    }
}
