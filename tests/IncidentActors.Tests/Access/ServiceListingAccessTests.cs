using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Xunit;

namespace IncidentActors.Tests.Access;

/// <summary>Who sees which services in a listing of the catalog.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServiceListingAccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task ACallerWithARoleInOneUnitListsThatUnitsServicesOnlyAndAnOrganisationWideCallerListsAll()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        var admin = new ServiceCatalog.ServiceCatalogClient(silo.Channel);
        foreach (var (id, unit) in new[] { ("checkout", retail), ("ledger", bank), ("search", retail) })
        {
            await admin.RegisterServiceAsync(new RegisterServiceRequest { Id = id, Name = id, OwnerTeam = "sre", BusinessUnitId = unit });
        }
        await silo.GrantAsync("olivia", Role.Observer, retail);
        var olivia = new ServiceCatalog.ServiceCatalogClient(silo.ChannelFor(TestTokens.For("olivia")));

        Assert.Equal(["checkout", "search"], (await olivia.ListServicesAsync(new ListServicesRequest())).Services.Select(s => s.Id));
        var paged = await olivia.ListServicesAsync(new ListServicesRequest { PageSize = 1, PageToken = (await olivia.ListServicesAsync(new ListServicesRequest { PageSize = 1 })).NextPageToken });
        Assert.Equal(["search"], paged.Services.Select(s => s.Id));
        Assert.Equal("", paged.NextPageToken);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => olivia.ListServicesAsync(new ListServicesRequest { BusinessUnitId = bank }).ResponseAsync));
        Assert.Equal(["checkout", "ledger", "search"], (await admin.ListServicesAsync(new ListServicesRequest())).Services.Select(s => s.Id));

        // Nobody without a readers' role lists anything: not a person without grants, not an integration key.
        var nobody = new ServiceCatalog.ServiceCatalogClient(silo.ChannelFor(TestTokens.For("nobody")));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => nobody.ListServicesAsync(new ListServicesRequest()).ResponseAsync));
        var integration = new ServiceCatalog.ServiceCatalogClient(silo.ChannelFor(await silo.IntegrationKeyAsync(retail)));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => integration.ListServicesAsync(new ListServicesRequest()).ResponseAsync));
    }
}
