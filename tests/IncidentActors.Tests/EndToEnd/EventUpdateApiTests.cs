using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>An enterprise-wide event's update approved once by central command reaches two units' incidents over gRPC.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class EventUpdateApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private RunningSilo _silo = null!;

    public async Task InitializeAsync() => _silo = await RunningSilo.StartAsync(azurite, settings: new Dictionary<string, string?>
    {
        ["IncidentActors:Command:Approvers:0"] = "gcc-lead",
        ["IncidentActors:Command:Approvers:1"] = "gcc-deputy",
    });

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task UpdateDraftedApprovedByAnotherAndPublishedReadsTheSameInBothUnitsWithTheirLocalAdditionsMarked()
    {
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        var communications = new Api.V1.Communications.CommunicationsClient(_silo.Channel);
        var command = new Api.V1.Command.CommandClient(_silo.Channel);
        var eventId = AzuriteFixture.UniqueName("event");
        var retail = await _silo.OpenIncidentAsync(AzuriteFixture.UniqueName("retail-payments"), AzuriteFixture.UniqueName("retail"), "card", "Card network unreachable");
        var bank = await _silo.OpenIncidentAsync(AzuriteFixture.UniqueName("bank-payments"), AzuriteFixture.UniqueName("bank"), "card", "Card network unreachable");
        await command.OpenEventAsync(new OpenEventRequest { EventId = eventId, Title = "Card network outage", Commander = "gcc-lead" }, await _silo.As("gcc-lead"));
        foreach (var id in new[] { retail, bank })
        {
            await command.AttachIncidentAsync(new EventIncidentRequest { EventId = eventId, IncidentId = id }, await _silo.As("gcc-lead"));
        }
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = retail, Role = IncidentRole.CommunicationsLead, AssigneeId = "retail-comms" }, await _silo.As("retail-comms"));

        var invalid = await Refused(command.DraftEventUpdateAsync(new DraftEventUpdateRequest { EventId = eventId, Subject = "", Body = "x" }, await _silo.As("gcc-lead")));
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Contains("audience", invalid.Status.Detail);
        Assert.Contains("subject", invalid.Status.Detail);
        await command.DraftEventUpdateAsync(new DraftEventUpdateRequest
        {
            EventId = eventId, Audience = UpdateAudience.Customers, Subject = "Card payments failing",
            Body = "Card payments are failing in all markets; next update 10:30 UTC.",
        }, await _silo.As("gcc-lead"));
        var self = await Refused(command.ApproveEventUpdateAsync(new EventUpdateRequest { EventId = eventId, Number = 1 }, await _silo.As("gcc-lead")));
        Assert.Equal(StatusCode.PermissionDenied, self.StatusCode);
        var early = await Refused(command.PublishApprovedEventUpdateAsync(new EventUpdateRequest { EventId = eventId, Number = 1 }, await _silo.As("gcc-lead")));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        var unchanged = await command.GetEventAsync(new GetEventRequest { EventId = eventId }, await _silo.As("gcc-lead"));
        Assert.Equal(UpdateStatus.Draft, unchanged.CentralUpdates.Single().Status);

        await command.ApproveEventUpdateAsync(new EventUpdateRequest { EventId = eventId, Number = 1 }, await _silo.As("gcc-deputy"));
        var published = await command.PublishApprovedEventUpdateAsync(new EventUpdateRequest { EventId = eventId, Number = 1 }, await _silo.As("gcc-lead"));
        Assert.Equal(UpdateStatus.Published, published.CentralUpdates.Single().Status);
        Assert.Equal(new[] { retail, bank }.Order(), published.CentralUpdates.Single().DeliveredIncidents.Order());

        var notLead = await Refused(communications.AddLocalAdditionAsync(new AddLocalAdditionRequest
        {
            IncidentId = retail, Number = 1, Text = "Retail stores accept cash meanwhile.",
        }, await _silo.As("bank-comms")));
        Assert.Equal(StatusCode.PermissionDenied, notLead.StatusCode);
        var empty = await Refused(communications.AddLocalAdditionAsync(new AddLocalAdditionRequest { IncidentId = retail, Number = 1 }, await _silo.As("retail-comms")));
        Assert.Equal(StatusCode.InvalidArgument, empty.StatusCode);
        Assert.Contains("text", empty.Status.Detail);
        var added = await communications.AddLocalAdditionAsync(new AddLocalAdditionRequest
        {
            IncidentId = retail, Number = 1, Text = "Retail stores accept cash meanwhile.",
        }, await _silo.As("retail-comms"));
        Assert.Equal("Retail stores accept cash meanwhile.", added.LocalAdditions.Single().Text);

        var logs = new Dictionary<string, CommunicationsLog>();
        foreach (var id in new[] { retail, bank })
        {
            logs[id] = await communications.GetCommunicationsLogAsync(new GetCommunicationsLogRequest { IncidentId = id }, await _silo.As("gcc-lead"));
            var update = logs[id].Updates.Single();
            Assert.Equal((UpdateStatus.Published, "Card payments failing", "Card payments are failing in all markets; next update 10:30 UTC."),
                (update.Status, update.Subject, update.Body));
            Assert.Equal((eventId, 1, "gcc-deputy"), (update.EventId, update.EventUpdateNumber, update.ApprovedBy));
        }
        Assert.Equal(("Retail stores accept cash meanwhile.", "retail-comms"),
            (logs[retail].Updates.Single().LocalAdditions.Single().Text, logs[retail].Updates.Single().LocalAdditions.Single().AddedBy));
        Assert.Empty(logs[bank].Updates.Single().LocalAdditions);
        var timeline = (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = retail })).Timeline;
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.UpdatePublished && e.Message.Contains(eventId));
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.LocalAdditionAdded);
    }

    private static async Task<RpcException> Refused<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);
}
