using Orleans.Placement;

namespace IncidentActors.Placement;

/// <summary>
/// Places a grain on a silo of its business unit's home region while one is up, anywhere else
/// when none is. Orleans' own metadata placement filters compare silos with the silo doing the
/// placing; this compares them with the grain's home, read from the grain's key.
/// </summary>
[GenerateSerializer, Immutable]
public sealed class HomeRegionPlacement : PlacementStrategy
{
    /// <summary>The silo metadata key that carries a silo's region.</summary>
    public const string RegionMetadataKey = "region";

    public static readonly HomeRegionPlacement Instance = new();
}

/// <summary>
/// Marks a grain kept in its business unit's home region. Mark such grains <c>[Immovable]</c> too:
/// an activation rebalancer, if ever turned on, would otherwise carry them out of their region.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class HomeRegionPlacementAttribute() : PlacementAttribute(HomeRegionPlacement.Instance);
