using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentActors.Responders;

public static class PageDeliveryRegistration
{
    public static IServiceCollection AddPageDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookDeliveryOptions>(configuration.GetSection(WebhookDeliveryOptions.Section));
        // Retries are scheduled as durable deadlines, and a page is never sent where a redirect points.
        services.AddHttpClient(WebhookPageSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .ConfigureHttpClient(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IncidentActors-Webhooks/1");
            });
        services.AddSingleton<WebhookPageSender>();
        return services;
    }
}
