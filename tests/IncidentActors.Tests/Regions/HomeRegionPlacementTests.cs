using System.Collections.Concurrent;
using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Regions;

/// <summary>Three silos in three regions, each business unit at home in one of them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HomeRegionPlacementTests(AzuriteFixture azurite)
{
    private static readonly string[] Regions = ["emea", "amer", "apac"];

    private readonly ConcurrentDictionary<string, string> _regionBySilo = new();

    [Fact]
    public async Task GrainsLiveInTheirUnitsRegionAndMoveOnlyWhenItsOnlySiloDies()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 3,
            regionOf: silo => _regionBySilo.GetOrAdd(silo, _ => Regions[_regionBySilo.Count % Regions.Length]));
        var grains = cluster.Client;
        var units = new Dictionary<string, string> { ["retail"] = "emea", ["bank"] = "amer", ["games"] = "apac" };
        var incidents = new Dictionary<string, IIncidentGrain>();
        foreach (var (unit, region) in units)
        {
            await grains.GetGrain<IBusinessUnitGrain>(unit).Define(new BusinessUnitDefinition(unit, unit, region,
                BusinessUnitDefaults.Itil, BusinessUnitDefaults.StandardMatrix, []));
            var serviceId = $"{unit}-api";
            await grains.GetGrain<IServiceGrain>(serviceId).Register(new ServiceDefinition(serviceId, serviceId, "sre", unit));
            var opened = await grains.GetGrain<IServiceGrain>(serviceId).Ingest(Alert(serviceId, "down"));
            incidents[unit] = grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
            await incidents[unit].Acknowledge(new ResponderAction("oncall-" + unit, null));
        }

        foreach (var (unit, region) in units)
        {
            // A unit or service placed before its home was known moves there once idle.
            await Eventually.True(async () =>
            {
                await grains.GetGrain<IBusinessUnitGrain>(unit).Get();
                await grains.GetGrain<IServiceGrain>($"{unit}-api").Get();
                return RegionOf(cluster, grains.GetGrain<IBusinessUnitGrain>(unit).GetGrainId()) == region
                    && RegionOf(cluster, grains.GetGrain<IServiceGrain>($"{unit}-api").GetGrainId()) == region;
            }, what: $"the {unit} unit and its service to live in {region}");
            await LivesInAsync(cluster, incidents[unit], () => incidents[unit].Get(), region);
            var index = IncidentIndexPages.Page(grains, unit, 0);
            await LivesInAsync(cluster, index, () => index.Query(new IncidentQuery(null, null, 1, null)), region);
        }

        // APAC's only silo dies: the games unit keeps working from another region, with nothing lost.
        var apac = cluster.Silos.Single(s => RegionOf(s) == "apac");
        await cluster.KillSiloAsync(apac);

        var games = await Eventually.Get(() => incidents["games"].Resolve(new ResponderAction("oncall-games", "failed over")),
            v => v.Status == IncidentStatus.Resolved, TimeSpan.FromSeconds(60), "the games incident to answer from another region");
        Assert.Equal(("itil", "resolved"), (games.Lifecycle.Model, games.Lifecycle.State));
        Assert.Equal([TimelineEntryKind.Opened, TimelineEntryKind.Acknowledged, TimelineEntryKind.Resolved], games.Timeline.Select(e => e.Kind));
        Assert.NotEqual("apac", RegionOf(cluster, incidents["games"].GetGrainId()));
        var reopened = await grains.GetGrain<IServiceGrain>("games-api").Ingest(Alert("games-api", "down"));
        Assert.Equal(AlertDisposition.Opened, reopened.Disposition);
        Assert.NotEqual(incidents["games"].GetPrimaryKeyString(), reopened.IncidentId);

        // The other units stay at home: if the death took their directory entries along, they are
        // activated wherever the next call lands and move home once idle.
        foreach (var (unit, region) in new[] { ("retail", "emea"), ("bank", "amer") })
        {
            await LivesInAsync(cluster, incidents[unit], () => incidents[unit].Get(), region);
        }
    }

    /// <summary>Calls the grain (activating it if need be) until it runs in the region.</summary>
    private static Task LivesInAsync(InProcessTestCluster cluster, IAddressable grain, Func<Task> call, string region) =>
        Eventually.True(async () =>
        {
            await call();
            return RegionOf(cluster, grain.GetGrainId()) == region;
        }, what: $"{grain.GetGrainId()} to live in {region}");

    private static string? RegionOf(InProcessTestCluster cluster, GrainId grain) =>
        cluster.Silos.FirstOrDefault(s => cluster.TryGetGrainContext(grain, out var context) && s.SiloAddress.Equals(context?.Address.SiloAddress))
            is { } silo ? RegionOf(silo) : null;

    /// <summary>What the silo itself publishes, as placement sees it.</summary>
    private static string RegionOf(InProcessSiloHandle silo) =>
        silo.ServiceProvider.GetRequiredService<ISiloMetadataCache>().GetSiloMetadata(silo.SiloAddress).Metadata[HomeRegionPlacement.RegionMetadataKey];

    private static AlertEvent Alert(string serviceId, string dedupKey) => new(serviceId, AlertAction.Trigger, dedupKey, "API down", "probe",
        AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "grpc");
}
