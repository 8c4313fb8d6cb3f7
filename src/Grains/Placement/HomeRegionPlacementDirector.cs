using Orleans.Runtime.Placement;

namespace IncidentActors.Placement;

/// <summary>
/// Places by what this silo already knows of the grain's home; a grain placed before its home was
/// known here moves there as it activates (<see cref="HomeRegions.MoveHomeIfAwayAsync"/>).
/// </summary>
internal sealed class HomeRegionPlacementDirector(HomeRegions homes) : IPlacementDirector
{
    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var compatible = context.GetCompatibleSilos(target);
        var region = homes.KnownRegionOf(target.GrainIdentity);
        var home = region is null ? [] : compatible.Where(s => homes.RegionOf(s) == region).ToArray();
        var candidates = home.Length > 0 ? home : compatible;
        // Activating here saves a hop whenever this silo is as good a home as any.
        return Task.FromResult(candidates.Contains(context.LocalSilo) ? context.LocalSilo : candidates[Random.Shared.Next(candidates.Length)]);
    }
}
