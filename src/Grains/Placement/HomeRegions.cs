using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Services;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace IncidentActors.Placement;

/// <summary>
/// How a grain's key leads to its home region: a business unit and its incident index by their
/// key; a service through the unit it belongs to; an incident ("&lt;service&gt;-&lt;number&gt;")
/// through its service. Homes found are remembered for a while; one not found is asked again
/// next time, so a unit defined a moment ago is placed at home at once.
/// </summary>
internal sealed partial class HomeRegions(
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    ISiloMetadataCache metadata,
    TimeProvider clock,
    ILogger<HomeRegions> logger)
{
    // A unit's new home reaches the placement of new activations within this time.
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string? Unit, string? Service), (string Region, DateTimeOffset At)> _known = new();
    private GrainTypes? _types;

    /// <summary>The region of this silo, from its metadata.</summary>
    public string? LocalRegion => RegionOf(localSilo.SiloAddress);

    public string? RegionOf(SiloAddress silo) =>
        metadata.GetSiloMetadata(silo).Metadata.TryGetValue(HomeRegionPlacement.RegionMetadataKey, out var region) ? region : null;

    public async ValueTask<string?> RegionOf(GrainId grain)
    {
        var types = _types ??= new GrainTypes(grains);
        var key = grain.Key.ToString();
        var home = grain.Type == types.BusinessUnit || grain.Type == types.IncidentIndex ? (key, null)
            : grain.Type == types.Service ? (null, key)
            : grain.Type == types.Incident && IncidentKey().Match(key) is { Success: true } match ? (null, match.Groups["service"].Value)
            : ((string?)null, (string?)null);
        return home is (null, null) ? null : await RegionOf(home.Item1, home.Item2);
    }

    public async ValueTask<string?> RegionOf(string? businessUnitId, string? serviceId)
    {
        var now = clock.GetUtcNow();
        if (_known.TryGetValue((businessUnitId, serviceId), out var known) && now - known.At < RememberFor)
        {
            return known.Region;
        }
        try
        {
            var region = await grains.GetGrain<IHomeDirectoryGrain>(IHomeDirectoryGrain.Global).RegionOf(businessUnitId, serviceId);
            if (region is not null)
            {
                _known[(businessUnitId, serviceId)] = (region, now);
            }
            return region;
        }
        catch (Exception e)
        {
            // Placement must go on: without the directory the grain goes anywhere, as one with no home does.
            logger.LogWarning(e, "Asking the home directory failed; placing without a home region");
            return null;
        }
    }

    [GeneratedRegex("^(?<service>.+)-[0-9]+$")]
    private static partial Regex IncidentKey();

    private sealed class GrainTypes(IGrainFactory grains)
    {
        public GrainType BusinessUnit { get; } = grains.GetGrain<IBusinessUnitGrain>("-").GetGrainId().Type;
        public GrainType IncidentIndex { get; } = grains.GetGrain<IIncidentIndexGrain>("-").GetGrainId().Type;
        public GrainType Service { get; } = grains.GetGrain<IServiceGrain>("-").GetGrainId().Type;
        public GrainType Incident { get; } = grains.GetGrain<IIncidentGrain>("-").GetGrainId().Type;
    }
}
