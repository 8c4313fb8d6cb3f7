using System.Net;
using Google.Protobuf.WellKnownTypes;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.Chat;
using IncidentActors.Tests.StatusPages;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.EndToEnd;

/// <summary>
/// What a communications lead does in a SEV1, over the public gRPC API of a running silo, with a real war-room receiver, a
/// real browser and signed chat callbacks: the flow the README walks through.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class Sev1CommunicationsFlowTests(AzuriteFixture azurite)
{
    private const string ChatSecret = "chat-signing-secret-0123";

    [Fact]
    public async Task Sev1IsToldToExecutivesAndCustomersOnTimeWithAWarRoomReceiptsAndAChatAcknowledgement()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var silo = await RunningSilo.StartAsync(azurite, clock);
        await using var warRooms = await WarRoomReceiver.StartAsync();
        var communications = new Api.V1.Communications.CommunicationsClient(silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(silo.Channel);
        await new Api.V1.BusinessUnits.BusinessUnitsClient(silo.Channel).DefineBusinessUnitAsync(new BusinessUnit
        {
            Id = "shop", Name = "Shop", HomeRegion = "emea", StandardLifecycle = StandardLifecycle.Sre,
            Communications = new CommunicationsPolicy
            {
                ApproverGroups = { "legal" }, SpokespersonPeople = { "sam" },
                UpdateIntervals = { new UpdateInterval { Severity = IncidentSeverity.Sev1, Every = Duration.FromTimeSpan(TimeSpan.FromMinutes(30)) } },
                ReadConfirmations =
                {
                    new ReadConfirmationRule
                    {
                        Audience = UpdateAudience.Executives, MinimumSeverity = IncidentSeverity.Sev1,
                        Within = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)), EscalateAfter = Duration.FromTimeSpan(TimeSpan.FromMinutes(10)),
                    },
                },
            },
        });
        await communications.PublishTemplatesAsync(new PublishTemplatesRequest
        {
            BusinessUnitId = "shop",
            Templates =
            {
                new CommunicationTemplate
                {
                    Name = "exec", Audience = UpdateAudience.Executives, Subject = "{{ incident.severity }}: {{ incident.title }}",
                    Body = "Affected: {{ incident.affected_services | join: ', ' }}. Next update by {{ next_update_at }}.",
                },
                new CommunicationTemplate
                {
                    Name = "customers", Audience = UpdateAudience.Customers, Subject = "Checkout disruption",
                    Body = "Some of you cannot pay at checkout ({{ incident.affected_services | join: ', ' }}); we are on it.",
                },
            },
        });
        await new Api.V1.StatusPages.StatusPagesClient(silo.Channel).DefineStatusPageAsync(new StatusPage
        {
            Id = "shop", Title = "Shop status", BusinessUnitId = "shop", Visibility = StatusPageVisibility.Public,
            Components = { new StatusComponent { ServiceId = "storefront", DisplayName = "Storefront" } },
        });
        var chatOps = new Api.V1.ChatOps.ChatOpsClient(silo.Channel);
        await chatOps.SetWarRoomWebhookAsync(new SetWarRoomWebhookRequest
        {
            BusinessUnitId = "shop",
            WarRoom = new WarRoomWebhook { Url = warRooms.Url, Secret = "war-room-secret-0123456789", Target = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) },
        });
        await chatOps.SetChatIntegrationAsync(new SetChatIntegrationRequest
        {
            BusinessUnitId = "shop",
            Chat = new ChatIntegration { Secret = ChatSecret, Users = { new ChatUser { ChatUserId = "U-RICK", ResponderId = "rick" } } },
        });
        await silo.GrantAsync("rick", Role.Responder, "shop");
        await silo.GrantAsync("lena", Role.Observer, "shop");
        await silo.GrantAsync("sam", Role.Observer, "shop");
        var lena = new Grpc.Core.Metadata { { "authorization", $"Bearer {TestTokens.For("lena", ["legal"])}" } };

        // A critical alert opens a SEV1; its commander declares it major and names the communications lead.
        var id = await silo.OpenIncidentAsync("storefront", "shop", "checkout-down", "Storefront down", AlertSeverity.Critical);
        var alice = await silo.As("alice");
        var carol = await silo.As("carol");
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.Commander, AssigneeId = "alice" }, alice);
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.CommunicationsLead, AssigneeId = "carol" }, alice);
        await incidents.DeclareMajorIncidentAsync(new DeclareMajorIncidentRequest { Id = id, Criterion = MajorIncidentCriterion.ByHand }, alice);

        var withRoom = await Eventually.Get(Tick(clock, () => incidents.GetIncidentAsync(new GetIncidentRequest { Id = id }, alice).ResponseAsync),
            i => i.WarRoom is not null, what: "the war room");
        Assert.Equal(WarRoomReceiver.RoomUrl($"{id}/war-room"), withRoom.WarRoom.Url);
        Assert.Contains(withRoom.Timeline, e => e.Kind == TimelineEntryKind.WarRoomOpened);

        // An executive update goes out at once; the customer one only once legal approved it and a spokesperson published it.
        var executive = await communications.DraftUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "exec" }, carol);
        Assert.Equal("SEV1: Storefront down", executive.Subject);
        await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = executive.Number }, carol);
        var customer = await communications.DraftUpdateAsync(new UpdateDraftRequest { IncidentId = id, TemplateName = "customers" }, carol);
        await communications.ApproveUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, lena);
        await communications.PublishUpdateAsync(new UpdateRequest { IncidentId = id, Number = customer.Number }, await silo.As("sam"));

        var url = $"{silo.Http.BaseAddress}status/shop";
        var page = await Eventually.Get(() => HeadlessChromium.DumpDomAsync(url), dom => dom.Contains("cannot pay at checkout"), TimeSpan.FromSeconds(60), "the customer update on the status page");
        Assert.Contains("Checkout disruption", page);
        Assert.DoesNotContain("SEV1: Storefront down", page);
        Assert.DoesNotContain("Next update by", page);

        // A responder acknowledges from the chat channel, as themselves.
        using var chat = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        var acked = await chat.SendAsync(ChatApiTests.Signed("shop", $$"""{"user_id":"U-RICK","incident_id":"{{id}}","command":"ack","text":"on it from chat"}""", ChatSecret, clock.GetUtcNow()));
        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);

        // The lead reads their copy; the others are reminded after ten minutes; thirty minutes without an update nags the lead.
        await communications.ConfirmUpdateReadAsync(new UpdateRequest { IncidentId = id, Number = executive.Number }, carol);
        clock.Advance(TimeSpan.FromMinutes(11));
        await Eventually.Get(Tick(clock, () => communications.GetCommunicationsLogAsync(new GetCommunicationsLogRequest { IncidentId = id }, alice).ResponseAsync),
            l => l.Updates[0].Recipients.Any(r => r.RemindedAt is not null), what: "the read reminder");
        clock.Advance(TimeSpan.FromMinutes(20));
        var nagged = await Eventually.Get(Tick(clock, () => incidents.GetIncidentAsync(new GetIncidentRequest { Id = id }, alice).ResponseAsync),
            i => i.Timeline.Any(e => e.Kind == TimelineEntryKind.UpdateOverdue), what: "the cadence nag");

        Assert.Equal((IncidentStatus.Acknowledged, "rick"), (nagged.Status, nagged.AcknowledgedBy));
        Assert.Contains(nagged.Timeline, e => e.Kind == TimelineEntryKind.Acknowledged && e.Actor == "rick" && e.Message.Contains("on it from chat"));
        Assert.Contains(nagged.Timeline, e => e.Kind == TimelineEntryKind.UpdateReadReminded);
        var log = await communications.GetCommunicationsLogAsync(new GetCommunicationsLogRequest { IncidentId = id }, alice);
        Assert.Equal([(UpdateAudience.Executives, "carol", ""), (UpdateAudience.Customers, "carol", "lena")],
            log.Updates.Select(u => (u.Audience, u.DraftedBy, u.ApprovedBy)));
        var sent = log.Updates[0];
        Assert.True(sent.NeedsReadConfirmation);
        Assert.NotNull(sent.Recipients.Single(r => r.PersonId == "carol").ReadAt);
        Assert.DoesNotContain("carol", sent.Unconfirmed);
        Assert.NotEmpty(sent.Unconfirmed);
        Assert.All(sent.Recipients, r => Assert.NotEmpty(r.Deliveries));
        Assert.Equal(1, log.MissedUpdates);
        var audit = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = "shop" });
        Assert.Contains(audit.Entries, e => (e.PrincipalId, e.Operation, e.Target) == ("rick", "/incidentactors.v1.Incidents/AcknowledgeIncident", id));
    }

    /// <summary>Lets deadlines due by the fake clock's now fire before reading.</summary>
    private static Func<Task<T>> Tick<T>(FakeTimeProvider clock, Func<Task<T>> read) => () =>
    {
        clock.Advance(TimeSpan.Zero);
        return read();
    };
}
