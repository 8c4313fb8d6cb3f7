using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>ListServices over gRPC: the catalog in id order, by unit, in pages, and refusing bad input by field.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ServiceListingApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TheCatalogIsListedInIdOrderFilteredByUnitAndPaged()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var catalog = new ServiceCatalog.ServiceCatalogClient(silo.Channel);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        foreach (var (id, unit) in new[] { ("search", retail), ("checkout", retail), ("ledger", bank), ("basket", retail) })
        {
            await catalog.RegisterServiceAsync(new RegisterServiceRequest { Id = id, Name = $"{id} service", OwnerTeam = "sre", BusinessUnitId = unit });
        }

        var all = await catalog.ListServicesAsync(new ListServicesRequest());
        Assert.Equal(["basket", "checkout", "ledger", "search"], all.Services.Select(s => s.Id));
        Assert.Equal("", all.NextPageToken);
        var ledger = all.Services.Single(s => s.Id == "ledger");
        Assert.Equal((bank, "ledger service", "sre", "production"), (ledger.BusinessUnitId, ledger.Name, ledger.OwnerTeam, ledger.Environment));

        var first = await catalog.ListServicesAsync(new ListServicesRequest { BusinessUnitId = retail, PageSize = 2 });
        Assert.Equal(["basket", "checkout"], first.Services.Select(s => s.Id));
        var second = await catalog.ListServicesAsync(new ListServicesRequest { BusinessUnitId = retail, PageSize = 2, PageToken = first.NextPageToken });
        Assert.Equal(["search"], second.Services.Select(s => s.Id));
        Assert.Equal("", second.NextPageToken);

        await catalog.RegisterServiceAsync(new RegisterServiceRequest { Id = "checkout", Name = "checkout service", OwnerTeam = "sre", BusinessUnitId = bank });
        Assert.Equal(["checkout", "ledger"], (await catalog.ListServicesAsync(new ListServicesRequest { BusinessUnitId = bank })).Services.Select(s => s.Id));
    }

    [Theory]
    [InlineData(-1, "", "", "page_size")]
    [InlineData(1001, "", "", "page_size")]
    [InlineData(0, "not a token!", "", "page_token")]
    [InlineData(0, "", " retail", "business_unit_id")]
    public async Task BadInputIsRefusedNamingTheField(int pageSize, string pageToken, string businessUnitId, string field)
    {
        await using var silo = await RunningSilo.StartAsync(azurite);

        var refused = await Assert.ThrowsAsync<RpcException>(() => new ServiceCatalog.ServiceCatalogClient(silo.Channel)
            .ListServicesAsync(new ListServicesRequest { PageSize = pageSize, PageToken = pageToken, BusinessUnitId = businessUnitId }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal([field], RpcStatus.Fields(refused));
    }
}
