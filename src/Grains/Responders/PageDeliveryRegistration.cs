using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Configuration;

namespace IncidentActors.Responders;

public static class PageDeliveryRegistration
{
    public static IServiceCollection AddPageDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookDeliveryOptions>().Bind(configuration.GetSection(WebhookDeliveryOptions.Section))
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, $"{WebhookDeliveryOptions.Section}:AttemptTimeout must be above zero.")
            .Validate(o => !o.AllowedInternalHosts.Any(string.IsNullOrWhiteSpace), $"{WebhookDeliveryOptions.Section}:AllowedInternalHosts must not hold blank hosts.")
            .ValidateOnStart();
        services.AddSingleton<WebhookDestinations>();
        // Retries are scheduled as durable deadlines, and a page is never sent where a redirect points. Connections go
        // straight to the checked address: a proxy would be the one to connect, past the check.
        services.AddHttpClient(WebhookPageSender.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false,
                ConnectCallback = provider.GetRequiredService<WebhookDestinations>().ConnectAsync,
            })
            .ConfigureHttpClient(client =>
            {
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("IncidentActors-Webhooks/1");
            });
        services.AddSingleton<WebhookPageSender>();
        // Action items sync to trackers through the same checked connections.
        services.AddSingleton<Reviews.TrackerSync>();
        // One signed POST for the senders below, which read its answer each their way.
        services.AddSingleton<SignedWebhookPoster>();
        // War rooms are opened through them too.
        services.AddSingleton<Chat.WarRoomSender>();
        // Reports to regulators too.
        services.AddSingleton<Incidents.RegulatorReports>();
        // And runbooks' automated actions.
        services.AddSingleton<Runbooks.RunbookCalls>();

        // Every silo of a service must read what another encrypted: one application name (the ServiceId) rather than
        // the default, the content root, which differs between hosts. Where the keys are kept is the storage's choice.
        services.AddDataProtection();
        services.AddOptions<DataProtectionOptions>().Configure<IOptions<ClusterOptions>>((o, cluster) => o.ApplicationDiscriminator = cluster.Value.ServiceId);
        services.AddSingleton<WebhookSecrets>();
        return services;
    }
}
