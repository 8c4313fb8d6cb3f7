using IncidentActors.GrpcFrontend.Access;
using IncidentActors.GrpcFrontend.HttpApi;
using IncidentActors.GrpcFrontend.Services;
using IncidentActors.GrpcFrontend.StatusPages;
using IncidentActors.GrpcFrontend.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.GrpcFrontend;

public static class IncidentApiRegistration
{
    /// <summary>The largest gRPC request message: a batch of 1000 alerts with typical details is a fraction of it.</summary>
    public const int MaxReceiveMessageBytes = 4 * 1024 * 1024;

    /// <summary>Any request body: above the largest gRPC message with its framing. Webhook endpoints hold theirs to less.</summary>
    public const long MaxRequestBodyBytes = MaxReceiveMessageBytes + 64 * 1024;

    public const int MaxRequestHeaderCount = 64;
    public const int MaxRequestHeadersTotalBytes = 16 * 1024;
    public const int MaxRequestHeaderFieldBytes = 8 * 1024;

    /// <summary>
    /// The gRPC services, their error mapping and access checks, reflection and the standard health service. The
    /// host adds the health checks that the health service reports. VendorPortal authenticates vendors' keys itself.
    /// </summary>
    public static IServiceCollection AddIncidentApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIncidentAccess(configuration);
        services.AddGrpc(o =>
            {
                // Outermost first: the access check and audit see grain errors as the statuses the caller gets.
                o.Interceptors.Add<AccessInterceptor>();
                o.Interceptors.Add<DomainErrorInterceptor>();
                o.MaxReceiveMessageSize = MaxReceiveMessageBytes;
            })
            .AddServiceOptions<VendorPortalService>(o => o.Interceptors.Add<VendorAccessInterceptor>())
            // Each RPC also at its google.api.http route, through the same interceptors: one door and one error mapping for both.
            .AddJsonTranscoding(o =>
                // Errors carry google.rpc details (BadRequest's field violations, RetryInfo), which JSON can only name when registered.
                o.TypeRegistry = Google.Protobuf.Reflection.TypeRegistry.FromFiles(Google.Rpc.ErrorDetailsReflection.Descriptor));
        services.AddHttpApiDocument();
        services.AddGrpcReflection();
        services.AddGrpcHealthChecks();
        services.AddSingleton<ObserverSubscriptions>();
        services.AddStatusPages();
        return services;
    }

    public static IEndpointRouteBuilder MapIncidentApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<ServiceCatalogService>();
        endpoints.MapGrpcService<AlertIntakeService>();
        endpoints.MapGrpcService<IncidentsService>();
        endpoints.MapGrpcService<CommunicationsService>();
        endpoints.MapGrpcService<EscalationPoliciesService>();
        endpoints.MapGrpcService<RespondersService>();
        endpoints.MapGrpcService<OnCallService>();
        endpoints.MapGrpcService<BusinessUnitsService>();
        endpoints.MapGrpcService<CommandService>();
        endpoints.MapGrpcService<VendorsService>();
        endpoints.MapGrpcService<VendorPortalService>();
        endpoints.MapGrpcService<AccessService>();
        endpoints.MapGrpcService<AuditService>();
        endpoints.MapGrpcService<ReviewsService>();
        endpoints.MapGrpcService<MetricsService>();
        endpoints.MapGrpcService<SubscribersService>();
        endpoints.MapGrpcService<ChatOpsService>();
        endpoints.MapGrpcService<StatusPagesService>();
        endpoints.MapGrpcService<RunbooksService>();
        endpoints.MapGrpcReflectionService();
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapAlertWebhooks();
        endpoints.MapChatCommands();
        endpoints.MapDevelopmentTokens();
        endpoints.MapStatusPages();
        return endpoints;
    }
}
