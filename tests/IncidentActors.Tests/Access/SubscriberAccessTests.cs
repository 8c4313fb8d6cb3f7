using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Xunit;

namespace IncidentActors.Tests.Access;

/// <summary>A unit's subscribers are its admins' business: commanders, observers and other units' admins are refused.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SubscriberAccessTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task OnlyTheUnitsAdminsDefineRemoveAndReadItsSubscribers()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (shop, bank) = (AzuriteFixture.UniqueName("shop"), AzuriteFixture.UniqueName("bank"));
        await silo.GrantAsync("ada", Role.UnitAdmin, shop);
        await silo.GrantAsync("bert", Role.UnitAdmin, bank);
        await silo.GrantAsync("cora", Role.Commander, shop);
        await silo.GrantAsync("otto", Role.Observer, shop);
        var subscriber = new Subscriber
        {
            Id = "board", Name = "Board", Kind = SubscriberKind.Executive, MinimumSeverity = IncidentSeverity.Sev1,
            Audiences = { UpdateAudience.Executives }, ResponderId = "ceo",
        };

        foreach (var refused in new[] { "bert", "cora", "otto" })
        {
            using var channel = silo.ChannelFor(TestTokens.For(refused));
            var client = new Api.V1.Subscribers.SubscribersClient(channel);
            Assert.Equal((refused, StatusCode.PermissionDenied), (refused, await RpcStatus.Of(() =>
                client.DefineSubscriberAsync(new DefineSubscriberRequest { BusinessUnitId = shop, Subscriber = subscriber }).ResponseAsync)));
            Assert.Equal((refused, StatusCode.PermissionDenied), (refused, await RpcStatus.Of(() =>
                client.ListSubscriberDeliveriesAsync(new ListSubscriberDeliveriesRequest { BusinessUnitId = shop, SubscriberId = "board" }).ResponseAsync)));
        }
        using var adaChannel = silo.ChannelFor(TestTokens.For("ada"));
        var ada = new Api.V1.Subscribers.SubscribersClient(adaChannel);
        await ada.DefineSubscriberAsync(new DefineSubscriberRequest { BusinessUnitId = shop, Subscriber = subscriber });
        Assert.Equal("ceo", (await ada.ListSubscribersAsync(new ListSubscribersRequest { BusinessUnitId = shop })).Subscribers.Single().ResponderId);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() =>
            ada.RemoveSubscriberAsync(new RemoveSubscriberRequest { BusinessUnitId = bank, SubscriberId = "board" }).ResponseAsync));
        Assert.True((await ada.RemoveSubscriberAsync(new RemoveSubscriberRequest { BusinessUnitId = shop, SubscriberId = "board" })).Removed);
    }
}
