using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>A vendor registered and invited over the general API, and acting through its own authenticated VendorPortal.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class VendorApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite);

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task InvitedVendorSeesAndAnswersOnlyItsIncidentsWithItsKey()
    {
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var portal = new VendorPortal.VendorPortalClient(_silo.Channel);
        var registered = await new Api.V1.Vendors.VendorsClient(_silo.Channel).RegisterVendorAsync(new RegisterVendorRequest
        {
            Id = "acme-db", Name = "Acme DB", ContractualResponseTime = Duration.FromTimeSpan(TimeSpan.FromHours(1)), Contact = "support@acme.example",
        });
        var key = new Metadata { { "authorization", "Bearer " + registered.AccessKey } };
        var invitedTo = await _silo.OpenIncidentAsync("ledger", "bank", "lag", "Ledger replication lag");
        var other = await _silo.OpenIncidentAsync("ledger", "bank", "disk", "Ledger disk full");
        await incidents.InviteVendorAsync(new InviteVendorRequest { Id = invitedTo, VendorId = "acme-db" }, await _silo.As("alice"));

        var listed = await portal.ListInvitedIncidentsAsync(new ListInvitedIncidentsRequest(), key);
        var hidden = await Assert.ThrowsAsync<RpcException>(() => portal.GetInvitedIncidentAsync(new GetInvitedIncidentRequest { IncidentId = other }, key).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => portal.GetInvitedIncidentAsync(new GetInvitedIncidentRequest { IncidentId = "no-such" }, key).ResponseAsync);
        var blank = await Assert.ThrowsAsync<RpcException>(() => portal.RespondToIncidentAsync(new RespondToIncidentRequest { IncidentId = invitedTo }, key).ResponseAsync);
        var answered = await portal.RespondToIncidentAsync(new RespondToIncidentRequest { IncidentId = invitedTo, Message = "Replica rebuild started" }, key);

        Assert.Equal([invitedTo], listed.Incidents.Select(i => i.Id));
        Assert.Equal((StatusCode.NotFound, StatusCode.NotFound, StatusCode.InvalidArgument), (hidden.StatusCode, unknown.StatusCode, blank.StatusCode));
        Assert.Equal($"Incident '{other}' does not exist.", hidden.Status.Detail);
        Assert.Equal(("Replica rebuild started", null, null), (answered.Engagement.Response, answered.Engagement.BreachedAt, answered.Engagement.LateBy));
        var stored = await incidents.GetIncidentAsync(new GetIncidentRequest { Id = invitedTo });
        Assert.Equal("Replica rebuild started", stored.Vendors.Single().Response);
        Assert.Equal([TimelineEntryKind.VendorInvited, TimelineEntryKind.VendorResponded],
            stored.Timeline.Where(e => e.Kind is TimelineEntryKind.VendorInvited or TimelineEntryKind.VendorResponded).Select(e => e.Kind));
        Assert.Empty((await incidents.GetIncidentAsync(new GetIncidentRequest { Id = other })).Vendors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-key")]
    [InlineData("Bearer iavk.acme-db.wrong-secret")]
    [InlineData("Basic iavk.acme-db.wrong-secret")]
    public async Task MissingOrWrongKeyIsUnauthenticated(string? authorization)
    {
        await new Api.V1.Vendors.VendorsClient(_silo.Channel).RegisterVendorAsync(new RegisterVendorRequest
        {
            Id = "acme-db", Name = "Acme DB", ContractualResponseTime = Duration.FromTimeSpan(TimeSpan.FromHours(1)), Contact = "support@acme.example",
        });
        var headers = authorization is null ? new Metadata() : new Metadata { { "authorization", authorization } };

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            new VendorPortal.VendorPortalClient(_silo.Channel).ListInvitedIncidentsAsync(new ListInvitedIncidentsRequest(), headers).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }
}
