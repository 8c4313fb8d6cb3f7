using Orleans.Runtime.Placement;

namespace IncidentActors.Placement;

internal sealed class HomeRegionPlacementDirector(HomeRegions homes) : IPlacementDirector
{
    public async Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        var region = await homes.RegionOf(target.GrainIdentity);
        var home = region is null ? [] : compatible.Where(s => homes.RegionOf(s) == region).ToArray();
        var candidates = home.Length > 0 ? home : compatible;
        // Activating here saves a hop whenever this silo is as good a home as any.
        return candidates.Contains(context.LocalSilo) ? context.LocalSilo : candidates[Random.Shared.Next(candidates.Length)];
    }
}
