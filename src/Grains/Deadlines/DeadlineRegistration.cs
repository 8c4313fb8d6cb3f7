using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace IncidentActors.Deadlines;

public static class DeadlineRegistration
{
    /// <summary>
    /// The per-silo keeper that brings deadline shards back after a silo dies, the shards' placement, and the filter that
    /// holds a deadline fired early by this silo's clock.
    /// </summary>
    public static ISiloBuilder AddIncidentActorsDeadlines(this ISiloBuilder orleans, IConfiguration configuration)
    {
        var services = orleans.Services;
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.AddSingleton<DeadlineShardKeeper>();
        services.AddPlacementDirector<DeadlineShardPlacement, DeadlineShardPlacementDirector>();
        orleans.AddIncomingGrainCallFilter<EarlyFireFilter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineShardKeeper>());
        return orleans;
    }
}
