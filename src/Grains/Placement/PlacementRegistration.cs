using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace IncidentActors.Placement;

public static class PlacementRegistration
{
    public static IServiceCollection AddHomeRegionPlacement(this IServiceCollection services)
    {
        services.AddSingleton<HomeRegions>();
        services.AddPlacementDirector<HomeRegionPlacement, HomeRegionPlacementDirector>();
        return services;
    }
}
