using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace IncidentActors.Deadlines;

public static class DeadlineRegistration
{
    /// <summary>The per-silo keeper that brings deadline shards back after a silo dies, and the shards' placement.</summary>
    public static IServiceCollection AddIncidentActorsDeadlines(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.AddSingleton<DeadlineShardKeeper>();
        services.AddPlacementDirector<DeadlineShardPlacement, DeadlineShardPlacementDirector>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineShardKeeper>());
        return services;
    }
}
