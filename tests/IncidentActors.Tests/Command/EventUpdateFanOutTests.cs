using IncidentActors.Alerts;
using IncidentActors.Command;
using IncidentActors.Communications;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Incidents;
using Xunit;

namespace IncidentActors.Tests.Command;

/// <summary>An enterprise-wide event's update, approved once centrally, reaches every commanded incident once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EventUpdateFanOutTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private static readonly ResponderAction Lead = new("gcc-lead", null);

    private readonly FaultyGrainStorage.Faults _faults = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["IncidentActors:Command:Approvers:0"] = "gcc-lead",
        ["IncidentActors:Command:Approvers:1"] = "gcc-deputy",
    };

    protected override void Configure(ISiloBuilder silo) => FaultyGrainStorage.Install(silo, _faults);

    [Fact]
    public async Task UpdateApprovedOnceReachesBothUnitsIncidentsExactlyOnceThoughOneDeliveryFailed()
    {
        var retail = await OpenIncidentAsync("retail");
        var bank = await OpenIncidentAsync("bank");
        var center = await OpenEventAsync(retail, bank);
        await center.DraftUpdate(UpdateAudience.Customers, "Card payments failing", "Card payments are failing in all markets; next update 10:30 UTC.", Lead);

        // The drafter is an approver too, yet may not approve their own; someone outside the approvers may not at all.
        await Assert.ThrowsAsync<PermissionDeniedException>(() => center.ApproveUpdate(1, Lead));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => center.ApproveUpdate(1, new ResponderAction("local-oncall", null)));
        await Assert.ThrowsAsync<IllegalTransitionException>(() => center.PublishUpdate(1, Lead));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => center.ApproveUpdate(2, new ResponderAction("gcc-deputy", null)));
        var refused = await center.Get();
        Assert.Equal(UpdateStatus.Draft, refused.Updates.Single().Status);
        Assert.Empty((await retail.GetCommunicationsLog()).Updates);

        await center.ApproveUpdate(1, new ResponderAction("gcc-deputy", null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => center.PublishUpdate(1, new ResponderAction("gcc-deputy", null)));
        _faults.FailNextWrite(bank.GetGrainId());
        var published = await center.PublishUpdate(1, Lead);

        Assert.Equal([bank.GetPrimaryKeyString()], published.Updates.Single().Pending.ToArray());
        Assert.Equal([retail.GetPrimaryKeyString()], published.Updates.Single().Delivered.ToArray());
        Assert.Empty((await bank.GetCommunicationsLog()).Updates);
        Clock.Advance(TimeSpan.FromSeconds(30));
        var delivered = await Eventually.Get(() =>
        {
            Clock.Advance(TimeSpan.Zero);
            return center.Get();
        }, e => e.Updates.Single().Pending.IsEmpty, what: "the fan-out deadline to reach the bank's incident");

        // A redelivery, as after a crash between an incident's write and the event's, changes nothing.
        await bank.ReceiveEventUpdate(delivered.Updates.Single());
        foreach (var incident in new[] { retail, bank })
        {
            var update = (await incident.GetCommunicationsLog()).Updates.Single();
            Assert.Equal((UpdateStatus.Published, "Card payments failing", "Card payments are failing in all markets; next update 10:30 UTC."),
                (update.Status, update.Subject, update.Body));
            Assert.Equal((delivered.Id, 1, "gcc-deputy"), (update.EventId, update.EventUpdateNumber, update.ApprovedBy));
            Assert.Single((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.UpdatePublished);
        }
    }

    [Fact]
    public async Task IncidentAttachedAfterAnUpdateWasPublishedDoesNotGetIt()
    {
        var early = await OpenIncidentAsync("retail");
        var late = await OpenIncidentAsync("bank");
        var center = await OpenEventAsync(early);
        await center.DraftUpdate(UpdateAudience.Executives, "Power loss", "Both halls on generator power.", Lead);
        await center.ApproveUpdate(1, new ResponderAction("gcc-deputy", null));
        await center.PublishUpdate(1, Lead);

        await center.Attach(late.GetPrimaryKeyString(), Lead);
        await Clock.SettleAsync(Grains, late);

        Assert.Single((await early.GetCommunicationsLog()).Updates);
        Assert.Empty((await late.GetCommunicationsLog()).Updates);
        await Assert.ThrowsAsync<InvalidRequestException>(() => center.DraftUpdate(UpdateAudience.Public, "", "body", Lead));
    }

    [Fact]
    public async Task LocalAdditionIsTheLeadsKeptApartFromCentralWordingAndRefusalsChangeNothing()
    {
        var retail = await OpenIncidentAsync("retail");
        var center = await OpenEventAsync(retail);
        await center.DraftUpdate(UpdateAudience.Public, "Card payments failing", "Card payments are failing in all markets.", Lead);
        await center.ApproveUpdate(1, new ResponderAction("gcc-deputy", null));
        await center.PublishUpdate(1, Lead);

        await Assert.ThrowsAsync<IllegalTransitionException>(() => retail.AddLocalAddition(1, "Stores take cash.", new ResponderAction("retail-comms", null)));
        await retail.AssignRole(IncidentRole.CommunicationsLead, "retail-comms", new ResponderAction("retail-comms", null));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => retail.AddLocalAddition(1, "Stores take cash.", new ResponderAction("bank-comms", null)));
        var empty = await Assert.ThrowsAsync<InvalidRequestException>(() => retail.AddLocalAddition(1, "", new ResponderAction("retail-comms", null)));
        await Assert.ThrowsAsync<ResourceNotFoundException>(() => retail.AddLocalAddition(2, "Stores take cash.", new ResponderAction("retail-comms", null)));
        Assert.Equal(["text"], empty.Violations.Select(v => v.Field).ToArray());
        Assert.True((await retail.GetCommunicationsLog()).Updates.Single().LocalAdditions.IsDefaultOrEmpty);

        var added = await retail.AddLocalAddition(1, "Stores take cash.", new ResponderAction("retail-comms", null));

        Assert.Equal(("Card payments failing", "Card payments are failing in all markets."), (added.Subject, added.Body));
        Assert.Equal(("Stores take cash.", "retail-comms"), (added.LocalAdditions.Single().Text, added.LocalAdditions.Single().AddedBy));
        Assert.Single((await retail.Get()).Timeline, e => e.Kind == TimelineEntryKind.LocalAdditionAdded);
    }

    private Task<IIncidentGrain> OpenIncidentAsync(string unit) =>
        Cluster.Alerts.OpenIncidentAsync(Grains, AzuriteFixture.UniqueName(unit), severity: AlertSeverity.Error);

    private async Task<ICommandCenterGrain> OpenEventAsync(params IIncidentGrain[] attached)
    {
        var center = Grains.GetGrain<ICommandCenterGrain>(AzuriteFixture.UniqueName("event"));
        await center.Open("Card network outage", "gcc-lead", Lead);
        foreach (var incident in attached)
        {
            await center.Attach(incident.GetPrimaryKeyString(), Lead);
        }
        return center;
    }
}
