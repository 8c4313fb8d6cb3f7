using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Vendors;
using Xunit;

namespace IncidentActors.Tests.Incidents.Vendors;

/// <summary>Vendors invited to incidents, their contractual response time tracked on a fake clock, and what each may see.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class VendorEngagementTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly TimeSpan ResponseTime = TimeSpan.FromMinutes(30);

    [Fact]
    public async Task UnansweredVendorIsFlaggedInBreachAndALateResponseRecordsHowLate()
    {
        var vendorId = await RegisterVendorAsync();
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail");
        await incident.InviteVendor(vendorId, new ResponderAction("alice", "database vendor"));

        Clock.Advance(ResponseTime);
        var breached = await Eventually.Get(Clock.Tick(incident), v => v.Vendors.Single().BreachedAt is not null, what: "the breach to be flagged");
        await incident.OnDeadline($"vendor:{vendorId}", breached.Vendors.Single().RespondBy);
        Clock.Advance(TimeSpan.FromMinutes(15));
        var response = await incident.RecordVendorResponse(vendorId, "Failover started on our side");

        var view = await incident.Get();
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.VendorResponseBreached);
        Assert.Contains("response time breached", breached.Timeline[^1].Message);
        Assert.Equal((TimeSpan.FromMinutes(15), breached.Vendors.Single().BreachedAt), (response.Engagement.LateBy, response.Engagement.BreachedAt));
        Assert.Equal("Failover started on our side", view.Vendors.Single().Response);
        Assert.Equal(("vendor:" + vendorId, TimelineEntryKind.VendorResponded), (view.Timeline[^1].Actor, view.Timeline[^1].Kind));
        Assert.Contains("responded 15 min late, against a contracted 30 min", view.Timeline[^1].Message);
    }

    [Fact]
    public async Task ResponseWithinTheContractIsOnTimeAndNoBreachIsFlagged()
    {
        var vendorId = await RegisterVendorAsync();
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail");
        var invited = await incident.InviteVendor(vendorId, new ResponderAction("alice", null));
        Assert.Equal(Clock.GetUtcNow() + ResponseTime, invited.Vendors.Single().RespondBy);

        Clock.Advance(TimeSpan.FromMinutes(10));
        var response = await incident.RecordVendorResponse(vendorId, "On it");
        Clock.Advance(TimeSpan.FromHours(1));
        await Clock.SettleAsync(Grains, incident);

        var view = await incident.Get();
        Assert.Equal((null, null), (view.Vendors.Single().BreachedAt, view.Vendors.Single().LateBy));
        Assert.Equal(Clock.GetUtcNow() - TimeSpan.FromHours(1), response.Engagement.RespondedAt);
        Assert.DoesNotContain(view.Timeline, e => e.Kind == TimelineEntryKind.VendorResponseBreached);
        Assert.Contains("responded within its contracted 30 min: On it", view.Timeline[^1].Message);
    }

    [Fact]
    public async Task VendorSeesOnlyTheIncidentsItWasInvitedTo()
    {
        var vendorId = await RegisterVendorAsync();
        var invitedTo = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail");
        var other = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail");
        var first = await invitedTo.InviteVendor(vendorId, new ResponderAction("alice", null));

        var again = await invitedTo.InviteVendor(vendorId, new ResponderAction("bob", null));
        var seen = await invitedTo.GetForVendor(vendorId);

        Assert.Equal((first.Version, "alice"), (again.Version, again.Vendors.Single().InvitedBy));
        Assert.Equal((invitedTo.GetPrimaryKeyString(), "Checkout down"), (seen.Id, seen.Title));
        Assert.Equal([invitedTo.GetPrimaryKeyString()], (await Grains.GetGrain<IVendorGrain>(vendorId).Get()).Invitations.Select(i => i.IncidentId));
        var hidden = await Assert.ThrowsAsync<ResourceNotFoundException>(() => other.GetForVendor(vendorId));
        var unknown = await Assert.ThrowsAsync<ResourceNotFoundException>(() => Grains.GetGrain<IIncidentGrain>("no-such-incident").GetForVendor(vendorId));
        Assert.Equal(("Incident", "Incident"), (hidden.Kind, unknown.Kind));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => other.RecordVendorResponse(vendorId, "Looking"));
        Assert.Empty((await other.Get()).Vendors);
    }

    [Fact]
    public async Task UnknownVendorsAndBadInputAreRefusedAndChangeNothing()
    {
        var vendorId = await RegisterVendorAsync();
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail");
        await incident.InviteVendor(vendorId, new ResponderAction("alice", null));
        var before = await incident.Get();

        await Assert.ThrowsAsync<ResourceNotFoundException>(() => incident.InviteVendor("nobody", new ResponderAction("alice", null)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => incident.InviteVendor("", new ResponderAction("alice", null)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => incident.RecordVendorResponse(vendorId, " "));
        var badVendor = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            Grains.GetGrain<IVendorGrain>("bad vendor").Register(new VendorDefinition("bad vendor", "", TimeSpan.Zero, "")));

        Assert.Equal(["id", "name", "contractual_response_time", "contact"], badVendor.Violations.Select(v => v.Field));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => Grains.GetGrain<IVendorGrain>("bad vendor").Get());
        var after = await incident.Get();
        Assert.Equal((before.Version, before.Vendors.Single()), (after.Version, after.Vendors.Single()));
    }

    [Fact]
    public async Task RegistrationIssuesAKeyOnceAndOnlyThatKeyAuthenticates()
    {
        var vendorId = AzuriteFixture.UniqueName("vendor");
        var vendor = Grains.GetGrain<IVendorGrain>(vendorId);
        var registered = await vendor.Register(new VendorDefinition(vendorId, "Acme DB", ResponseTime, "support@acme.example"));
        var key = registered.AccessKey!;

        var updated = await vendor.Register(new VendorDefinition(vendorId, "Acme Databases", ResponseTime, "support@acme.example"));

        Assert.Null(updated.AccessKey);
        Assert.Equal(vendorId, VendorAccessKey.VendorIdOf(key));
        Assert.True(await vendor.Authenticate(key));
        Assert.False(await vendor.Authenticate(key[..^1] + (key[^1] == 'A' ? 'B' : 'A')));
        Assert.False(await Grains.GetGrain<IVendorGrain>(await RegisterVendorAsync()).Authenticate(key));
    }

    private async Task<string> RegisterVendorAsync()
    {
        var vendorId = AzuriteFixture.UniqueName("vendor");
        await Grains.GetGrain<IVendorGrain>(vendorId).Register(new VendorDefinition(vendorId, "Acme DB", ResponseTime, "support@acme.example"));
        return vendorId;
    }
}
