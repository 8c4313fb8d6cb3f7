using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>Who may let a change through a service's freeze, over gRPC: commanders of the service's unit, recorded as the approver.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChangeFreezeApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OnlyACommanderOfTheServicesUnitOverridesAFreezeAndIsRecordedAsItsApprover()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank, checkout) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"), AzuriteFixture.UniqueName("checkout"));
        var major = await silo.OpenIncidentAsync(checkout, retail, "down", "Checkout down", AlertSeverity.Critical);
        var incidents = new Api.V1.Incidents.IncidentsClient(silo.Channel);
        await incidents.DeclareMajorIncidentAsync(new DeclareMajorIncidentRequest { Id = major, Criterion = MajorIncidentCriterion.ByHand });
        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = major });
        var follow = await silo.OpenIncidentAsync(checkout, retail, "slow", "Checkout slow");
        await silo.GrantAsync("cora", Role.Commander, retail);
        await silo.GrantAsync("rick", Role.Responder, retail);
        await silo.GrantAsync("bea", Role.Commander, bank);
        var request = new OverrideChangeFreezeRequest { ServiceId = checkout, ChangeReference = "CHG-1042", Reason = "rollback of the faulty release" };
        var link = new LinkItemRequest { Id = follow, Kind = LinkedItemKind.ChangeRequest, Reference = "CHG-1042" };

        Assert.Equal(StatusCode.FailedPrecondition, await RpcStatus.Of(() => new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("rick"))).LinkItemAsync(link).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => Catalog(silo, "rick").OverrideChangeFreezeAsync(request).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => Catalog(silo, "bea").OverrideChangeFreezeAsync(request).ResponseAsync));
        var service = await Catalog(silo, "cora").OverrideChangeFreezeAsync(request);
        var linked = await new Api.V1.Incidents.IncidentsClient(silo.ChannelFor(TestTokens.For("rick"))).LinkItemAsync(link);

        Assert.Equal(("CHG-1042", "cora"), (service.FreezeOverrides.Single().ChangeReference, service.FreezeOverrides.Single().ApprovedBy));
        Assert.Contains("overridden by cora", linked.Timeline[^1].Message);
        Assert.Equal("rick", linked.Timeline[^1].Actor);
    }

    private static ServiceCatalog.ServiceCatalogClient Catalog(RunningSilo silo, string person) => new(silo.ChannelFor(TestTokens.For(person)));
}
