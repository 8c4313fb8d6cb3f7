using IncidentActors.Access;
using IncidentActors.BusinessUnits;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Listings;

/// <summary>The catalog's directory: kept by registrations, seeded with the services registered before it, stored, and read by ticket.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServiceDirectoryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ServicesRegisteredBeforeTheDirectoryExistedAreListedAndRegistrationsAndMovesSurviveARestart()
    {
        var serviceId = TestClusters.NewServiceId();
        await using (var first = await TestClusters.StartAsync(azurite, serviceId, silos: 1))
        {
            // As a registration stored before the directory existed left it: the entry and the home directory's record.
            await StoredStates.WriteNewAsync(first, "service", first.Client.GetGrain<IServiceGrain>("legacy").GetGrainId(),
                new ServiceState { Definition = Cluster.Alerts.Service("legacy", "retail"), RegisteredAt = DateTimeOffset.UnixEpoch });
            await first.Client.GetGrain<IHomeDirectoryGrain>(IHomeDirectoryGrain.Global).SetBusinessUnit("legacy", "retail");

            await first.Client.GetGrain<IServiceGrain>("checkout").Register(Cluster.Alerts.Service("checkout", "retail"));
            await first.Client.GetGrain<IServiceGrain>("ledger").Register(Cluster.Alerts.Service("ledger", "retail"));
            await first.Client.GetGrain<IServiceGrain>("ledger").Register(Cluster.Alerts.Service("ledger", "bank"));

            Assert.Equal<string>(["checkout", "ledger", "legacy"], (await ListAsync(first, new ServiceListQuery(null, 0, null))).ServiceIds);
            Assert.Equal("bank", (await StoredStates.ReadAsync<ServiceDirectoryState>(first, "serviceDirectory", Directory(first).GetGrainId()))
                .BusinessUnitByService["ledger"]);
            await first.StopAllSilosAsync();
        }

        await using var second = await TestClusters.StartAsync(azurite, serviceId, silos: 1);
        Assert.Equal<string>(["checkout", "legacy"], (await ListAsync(second, new ServiceListQuery("retail", 0, null))).ServiceIds);
        Assert.Equal<string>(["ledger"], (await ListAsync(second, new ServiceListQuery("bank", 0, null))).ServiceIds);
    }

    [Fact]
    public async Task PagesFollowIdOrderAndACallerScopedToOneUnitPagesOverItsUnitOnly()
    {
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);
        foreach (var (service, unit) in new[] { ("d", "retail"), ("a", "retail"), ("c", "bank"), ("b", "retail") })
        {
            await cluster.Client.GetGrain<IServiceGrain>(service).Register(Cluster.Alerts.Service(service, unit));
        }

        var first = await ListAsync(cluster, new ServiceListQuery(null, 2, null));
        var second = await ListAsync(cluster, new ServiceListQuery(null, 2, first.Next));
        Assert.Equal<string>(["a", "b"], first.ServiceIds);
        Assert.Equal("b", first.Next);
        Assert.Equal<string>(["c", "d"], second.ServiceIds);
        Assert.Null(second.Next);

        new AccessTicket(new Principal("olivia", PrincipalKind.Person, [new RoleGrant(Role.Observer, "retail")], [], []), [Role.Observer]).Attach();
        try
        {
            var scoped = await ListAsync(cluster, new ServiceListQuery(null, 2, "a"));
            Assert.Equal<string>(["b", "d"], scoped.ServiceIds);
            Assert.Null(scoped.Next);
            Assert.Empty((await ListAsync(cluster, new ServiceListQuery("bank", 0, null))).ServiceIds);
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    private static IServiceDirectoryGrain Directory(InProcessTestCluster cluster) =>
        cluster.Client.GetGrain<IServiceDirectoryGrain>(IServiceDirectoryGrain.Global);

    private static Task<ServiceDirectoryPage> ListAsync(InProcessTestCluster cluster, ServiceListQuery query) => Directory(cluster).List(query);
}
