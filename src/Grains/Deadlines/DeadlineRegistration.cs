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
        services.AddOptions<DeadlineOptions>().Bind(configuration.GetSection(DeadlineOptions.Section))
            .Validate(o => o.RetryDelay > TimeSpan.Zero && o.MaxConcurrentFiresPerShard >= 1 && o.RemovalFlushInterval >= TimeSpan.Zero
                    && o.SweepInterval > TimeSpan.Zero && o.MaxClockSkew >= TimeSpan.Zero,
                $"{DeadlineOptions.Section}: RetryDelay and SweepInterval must be above zero, MaxConcurrentFiresPerShard at least 1, " +
                "and RemovalFlushInterval and MaxClockSkew not negative.")
            .ValidateOnStart();
        services.AddSingleton<DeadlineShardKeeper>();
        services.AddPlacementDirector<DeadlineShardPlacement, DeadlineShardPlacementDirector>();
        orleans.AddIncomingGrainCallFilter<EarlyFireFilter>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<DeadlineShardKeeper>());
        return orleans;
    }
}
