using System.Net;
using System.Text;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Chat;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using ChatIntegration = IncidentActors.Api.V1.ChatIntegration;
using ChatUser = IncidentActors.Api.V1.ChatUser;
using WarRoomWebhook = IncidentActors.Api.V1.WarRoomWebhook;
using Xunit;

namespace IncidentActors.Tests.Chat;

/// <summary>
/// War rooms and chat commands end to end: real gRPC to a running silo, a real receiver for the war-room webhook, and
/// signed chat callbacks over real HTTP that act as the mapped responder, or change nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChatApiTests(AzuriteFixture azurite)
{
    private const string WarRoomSecret = "war-room-secret-0123456789";
    private const string ChatSecret = "chat-signing-secret-0123";

    [Fact]
    public async Task DeclaredMajorOpensASignedWarRoomAndASignedChatAckActsAsTheMappedResponder()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        await using var receiver = await WarRoomReceiver.StartAsync();
        var (unit, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        var id = await silo.OpenIncidentAsync(service, unit, "down", "Checkout down");
        await silo.GrantAsync("ada", Role.UnitAdmin, unit);
        await silo.GrantAsync("carol", Role.Commander, unit);
        await silo.GrantAsync("rick", Role.Responder, unit);
        await silo.GrantAsync("olga", Role.Observer, unit);
        var settings = await Configure(silo, "ada", unit, receiver.Url);

        await Incidents(silo, "carol").DeclareMajorIncidentAsync(new DeclareMajorIncidentRequest { Id = id, Criterion = MajorIncidentCriterion.ByHand });
        var opened = await Eventually.Get(() => Incidents(silo, "carol").GetIncidentAsync(new GetIncidentRequest { Id = id }).ResponseAsync,
            i => i.WarRoom is not null, what: "the war room");

        var key = $"{id}/war-room";
        Assert.Equal(("********", "********"), (settings.WarRoom.Secret, settings.Chat.Secret));
        var (headers, body) = Assert.Single(receiver.Requests);
        Assert.True(WebhookSignature.Verify(WarRoomSecret, headers[WebhookSignature.TimestampHeader],
            headers[WebhookSignature.SignatureHeader], body, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));
        var payload = Encoding.UTF8.GetString(body);
        Assert.Contains($"\"channel\":\"{WarRoomPayload.ChannelName(id)}\"", payload);
        Assert.Contains("{\"id\":\"carol\",\"role\":\"responder\"}", payload);
        Assert.Equal((WarRoomReceiver.RoomUrl(key), "#" + id), (opened.WarRoom.Url, opened.WarRoom.Channel));
        Assert.Contains(opened.Timeline, e => e.Kind == TimelineEntryKind.WarRoomOpened && e.Message.StartsWith("War room opened in ", StringComparison.Ordinal));

        using var chat = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        var ack = $$"""{"user_id":"U-RICK","incident_id":"{{id}}","command":"ack","text":"on it"}""";
        var acked = await chat.SendAsync(Signed(unit, ack));

        Assert.Equal(HttpStatusCode.OK, acked.StatusCode);
        var after = await Incidents(silo, "carol").GetIncidentAsync(new GetIncidentRequest { Id = id });
        Assert.Equal((IncidentStatus.Acknowledged, "rick"), (after.Status, after.AcknowledgedBy));
        Assert.Equal((TimelineEntryKind.Acknowledged, "rick"), (after.Timeline[^1].Kind, after.Timeline[^1].Actor));
        var audit = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = unit });
        Assert.Contains(audit.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("rick", "/incidentactors.v1.Incidents/AcknowledgeIncident", id, "OK"));
    }

    [Fact]
    public async Task ChatAssignsRolesAndPostsUpdatesAsTheMappedPeopleUnderTheirOwnRights()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (unit, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        var id = await silo.OpenIncidentAsync(service, unit, "down", "Checkout down");
        await silo.GrantAsync("ada", Role.UnitAdmin, unit);
        await silo.GrantAsync("carol", Role.Commander, unit);
        await silo.GrantAsync("rick", Role.Responder, unit);
        await Configure(silo, "ada", unit, "http://127.0.0.1:9/rooms");
        using var chat = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        string Assign(string by) => $$"""{"user_id":"{{by}}","incident_id":"{{id}}","command":"assign","role":"communications_lead","assignee":"U-RICK"}""";

        var byResponder = await chat.SendAsync(Signed(unit, Assign("U-RICK")));
        var byCommander = await chat.SendAsync(Signed(unit, Assign("U-CAROL")));
        var update = await chat.SendAsync(Signed(unit, $$"""{"user_id":"U-RICK","incident_id":"{{id}}","command":"update","text":"Failover to the standby is done"}"""));

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK), (byResponder.StatusCode, byCommander.StatusCode, update.StatusCode));
        var incident = await new Api.V1.Incidents.IncidentsClient(silo.Channel).GetIncidentAsync(new GetIncidentRequest { Id = id });
        var role = Assert.Single(incident.Roles);
        Assert.Equal((IncidentRole.CommunicationsLead, "rick", "carol"), (role.Role, role.ResponderId, role.AssignedBy));
        var note = incident.Timeline[^1];
        Assert.Equal((TimelineEntryKind.NoteAdded, "rick"), (note.Kind, note.Actor));
        Assert.Contains("Failover to the standby is done", note.Message);
    }

    [Fact]
    public async Task RefusedChatCallbacksNameTheProblemAndChangeNothing()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (unit, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        var id = await silo.OpenIncidentAsync(service, unit, "down", "Checkout down");
        await silo.GrantAsync("ada", Role.UnitAdmin, unit);
        await silo.GrantAsync("rick", Role.Responder, unit);
        await silo.GrantAsync("olga", Role.Observer, unit);
        await Configure(silo, "ada", unit, "http://127.0.0.1:9/rooms");
        var before = await new Api.V1.Incidents.IncidentsClient(silo.Channel).GetIncidentAsync(new GetIncidentRequest { Id = id });
        using var chat = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        string Ack(string user) => $$"""{"user_id":"{{user}}","incident_id":"{{id}}","command":"ack"}""";

        var badSignature = await chat.SendAsync(Signed(unit, Ack("U-RICK"), secret: "not-the-chat-secret-0000"));
        var stale = await chat.SendAsync(Signed(unit, Ack("U-RICK"), at: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var unmapped = await chat.SendAsync(Signed(unit, Ack("U-MALLORY")));
        var observer = await chat.SendAsync(Signed(unit, Ack("U-OLGA")));
        var nameInBody = await chat.SendAsync(Signed(unit, $$"""{"user_id":"U-MALLORY","incident_id":"{{id}}","command":"ack","responder_id":"rick"}"""));
        var unknownIncident = await chat.SendAsync(Signed(unit, $$"""{"user_id":"U-RICK","incident_id":"nope","command":"ack"}"""));
        var badCommand = await chat.SendAsync(Signed(unit, $$"""{"user_id":"U-RICK","incident_id":"{{id}}","command":"reboot"}"""));
        var otherUnit = await chat.SendAsync(Signed(AzuriteFixture.UniqueName("bank"), Ack("U-RICK")));

        Assert.Equal((HttpStatusCode.Unauthorized, "Bad signature"), (badSignature.StatusCode, await MessageStart(badSignature, "Bad signature".Length)));
        Assert.Equal((HttpStatusCode.Unauthorized, "Stale"), (stale.StatusCode, await MessageStart(stale, "Stale".Length)));
        Assert.Equal(HttpStatusCode.Forbidden, unmapped.StatusCode);
        Assert.Contains("'U-MALLORY' is not mapped", await unmapped.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, observer.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, nameInBody.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownIncident.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badCommand.StatusCode);
        Assert.Contains("\"field\":\"command\"", await badCommand.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, otherUnit.StatusCode);
        var after = await new Api.V1.Incidents.IncidentsClient(silo.Channel).GetIncidentAsync(new GetIncidentRequest { Id = id });
        Assert.Equal((before.Version, before.Timeline.Count, IncidentStatus.Triggered), (after.Version, after.Timeline.Count, after.Status));
        var audit = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = unit });
        Assert.Contains(audit.Entries, e => (e.PrincipalId, e.Operation, e.Outcome) == ("olga", "/incidentactors.v1.Incidents/AcknowledgeIncident", "PermissionDenied"));
    }

    [Fact]
    public async Task OnlyTheUnitsAdminsConfigureChatAndSecretsAreNeverEchoed()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var unit = AzuriteFixture.UniqueName("retail");
        await silo.GrantAsync("ada", Role.UnitAdmin, unit);
        await silo.GrantAsync("carol", Role.Commander, unit);
        await silo.GrantAsync("bo", Role.UnitAdmin, AzuriteFixture.UniqueName("bank"));
        var request = new SetChatIntegrationRequest { BusinessUnitId = unit, Chat = new ChatIntegration { Secret = ChatSecret } };

        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => ChatOps(silo, "carol").SetChatIntegrationAsync(request).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() => ChatOps(silo, "bo").SetChatIntegrationAsync(request).ResponseAsync));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(() =>
            ChatOps(silo, "carol").GetChatSettingsAsync(new GetChatSettingsRequest { BusinessUnitId = unit }).ResponseAsync));
        Assert.Equal(StatusCode.InvalidArgument, await RpcStatus.Of(() => ChatOps(silo, "ada").SetWarRoomWebhookAsync(new SetWarRoomWebhookRequest
        {
            BusinessUnitId = unit, WarRoom = new WarRoomWebhook { Url = "http://10.0.0.8/rooms", Secret = "short", Target = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) },
        }).ResponseAsync));
        await ChatOps(silo, "ada").SetChatIntegrationAsync(request);
        var kept = await ChatOps(silo, "ada").SetChatIntegrationAsync(new SetChatIntegrationRequest
        {
            BusinessUnitId = unit, Chat = new ChatIntegration { Secret = "********", Users = { new ChatUser { ChatUserId = "U-ADA", ResponderId = "ada" } } },
        });
        var read = await ChatOps(silo, "ada").GetChatSettingsAsync(new GetChatSettingsRequest { BusinessUnitId = unit });

        Assert.Equal("********", kept.Chat.Secret);
        Assert.Equal(kept, read);
        Assert.DoesNotContain(ChatSecret, read.ToString());
        using var chat = new HttpClient { BaseAddress = silo.Http.BaseAddress };
        var stillSigned = await chat.SendAsync(Signed(unit, """{"user_id":"U-ADA","incident_id":"nope","command":"ack"}"""));
        Assert.Equal(HttpStatusCode.NotFound, stillSigned.StatusCode);
    }

    private static async Task<ChatSettings> Configure(RunningSilo silo, string admin, string unit, string receiverUrl)
    {
        await ChatOps(silo, admin).SetWarRoomWebhookAsync(new SetWarRoomWebhookRequest
        {
            BusinessUnitId = unit,
            WarRoom = new WarRoomWebhook { Url = receiverUrl, Secret = WarRoomSecret, Target = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(TimeSpan.FromMinutes(5)) },
        });
        return await ChatOps(silo, admin).SetChatIntegrationAsync(new SetChatIntegrationRequest
        {
            BusinessUnitId = unit,
            Chat = new ChatIntegration
            {
                Secret = ChatSecret,
                Users =
                {
                    new ChatUser { ChatUserId = "U-RICK", ResponderId = "rick" }, new ChatUser { ChatUserId = "U-OLGA", ResponderId = "olga" },
                    new ChatUser { ChatUserId = "U-CAROL", ResponderId = "carol" },
                },
            },
        });
    }

    /// <summary>A chat callback as the chat tool signs it, at <paramref name="at"/> (now when not given).</summary>
    internal static HttpRequestMessage Signed(string unit, string json, string secret = ChatSecret, DateTimeOffset? at = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/webhooks/chat/{unit}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(ChatCallbackHeaders.Timestamp, $"{timestamp}");
        request.Headers.Add(ChatCallbackHeaders.Signature, ChatSignature.Sign(secret, timestamp, body));
        return request;
    }

    private static async Task<string> MessageStart(HttpResponseMessage response, int length)
    {
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var message = json.RootElement.GetProperty("message").GetString()!;
        return message[..Math.Min(length, message.Length)];
    }

    private static Api.V1.Incidents.IncidentsClient Incidents(RunningSilo silo, string person) => new(silo.ChannelFor(TestTokens.For(person)));

    private static ChatOps.ChatOpsClient ChatOps(RunningSilo silo, string person) => new(silo.ChannelFor(TestTokens.For(person)));
}
