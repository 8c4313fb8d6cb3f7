using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Services;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.MembershipService.SiloMetadata;

namespace IncidentActors.Placement;

/// <summary>
/// How a grain's key leads to its home region: a business unit and its index pages grain by their
/// key, an index page by the unit in its key; a service through the unit it belongs to; an incident ("&lt;service&gt;-&lt;number&gt;")
/// through its service. Homes found are remembered on this silo for a while; one not found is
/// asked again next time, so a unit defined a moment ago is known at once.
/// </summary>
internal sealed partial class HomeRegions(
    IGrainFactory grains,
    ILocalSiloDetails localSilo,
    ISiloMetadataCache metadata,
    IClusterMembershipService membership,
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

    /// <summary>
    /// What this silo already knows, without asking anyone: placement may not wait on a grain call,
    /// since the grain it calls may itself be waiting to be placed.
    /// </summary>
    public string? KnownRegionOf(GrainId grain) =>
        HomeKey(grain) is { } key && _known.TryGetValue(key, out var known) && clock.GetUtcNow() - known.At < RememberFor ? known.Region : null;

    /// <summary>
    /// Called as a homed grain activates: learns its home (so that placement knows it from now on)
    /// and moves the grain there if it was placed elsewhere while a silo of its home is up.
    /// </summary>
    public async Task MoveHomeIfAwayAsync(Grain grain)
    {
        if (HomeKey(grain.GetGrainId()) is not { } key || await RegionOf(key.Unit, key.Service) is not { } home || home == LocalRegion)
        {
            return;
        }
        if (membership.CurrentSnapshot.Members.Values.Any(m => m.Status == SiloStatus.Active && RegionOf(m.SiloAddress) == home))
        {
            grain.MigrateOnIdle();
        }
    }

    /// <summary>A unit just defined here: this silo places its grains by the new home at once.</summary>
    public void Learn(string businessUnitId, string region) => _known[(businessUnitId, null)] = (region, clock.GetUtcNow());

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
            // Without the directory the grain stays where it was placed, as one with no home does.
            logger.LogWarning(e, "Asking the home directory failed; the grain stays where it was placed");
            return null;
        }
    }

    private (string? Unit, string? Service)? HomeKey(GrainId grain)
    {
        var types = _types ??= new GrainTypes(grains);
        var key = grain.Key.ToString();
        return grain.Type == types.BusinessUnit || grain.Type == types.IncidentIndexPages ? (key, null)
            : grain.Type == types.IncidentIndex ? (IncidentIndexPages.BusinessUnitOf(key), null)
            : grain.Type == types.Service ? (null, key)
            : grain.Type == types.Incident && IncidentKey().Match(key) is { Success: true } match ? (null, match.Groups["service"].Value)
            : null;
    }

    [GeneratedRegex("^(?<service>.+)-[0-9]+$")]
    private static partial Regex IncidentKey();

    private sealed class GrainTypes(IGrainFactory grains)
    {
        public GrainType BusinessUnit { get; } = grains.GetGrain<IBusinessUnitGrain>("-").GetGrainId().Type;
        public GrainType IncidentIndex { get; } = grains.GetGrain<IIncidentIndexGrain>("-/0").GetGrainId().Type;
        public GrainType IncidentIndexPages { get; } = grains.GetGrain<IIncidentIndexPagesGrain>("-").GetGrainId().Type;
        public GrainType Service { get; } = grains.GetGrain<IServiceGrain>("-").GetGrainId().Type;
        public GrainType Incident { get; } = grains.GetGrain<IIncidentGrain>("-").GetGrainId().Type;
    }
}
