using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Chat;
using IncidentActors.GrpcFrontend.Webhooks;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Chat;

/// <summary>The rules of chat callbacks and war rooms, without a cluster: signatures, replays, payloads, idempotency.</summary>
public sealed class ChatRulesTests
{
    private const string Secret = "chat-signing-secret-0123";
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"user_id":"U1","incident_id":"inc-1","command":"ack"}""");

    [Fact]
    public void CallbackSignedWithTheSecretNowIsValid()
    {
        var timestamp = Now.ToUnixTimeSeconds();

        Assert.Equal(ChatCallbackCheck.Valid, ChatSignature.Check(Secret, $"{timestamp}", ChatSignature.Sign(Secret, timestamp, Body), Body, Now));
    }

    [Fact]
    public void CallbackWithAnotherBodyOrSecretOrNoHexIsABadSignature()
    {
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = ChatSignature.Sign(Secret, timestamp, Body);

        Assert.Equal(ChatCallbackCheck.BadSignature, ChatSignature.Check(Secret, $"{timestamp}", signature, Encoding.UTF8.GetBytes("{}"), Now));
        Assert.Equal(ChatCallbackCheck.BadSignature, ChatSignature.Check("another-secret-0123456", $"{timestamp}", signature, Body, Now));
        Assert.Equal(ChatCallbackCheck.BadSignature, ChatSignature.Check(Secret, $"{timestamp}", "v0=not-hex", Body, Now));
        Assert.Equal(ChatCallbackCheck.BadSignature, ChatSignature.Check(Secret, $"{timestamp}", signature.Replace("v0=", "v1=", StringComparison.Ordinal), Body, Now));
    }

    [Fact]
    public void CallbackSignedOutsideTheReplayWindowIsStaleEvenWhenItsSignatureHolds()
    {
        var old = Now.AddMinutes(-6).ToUnixTimeSeconds();
        var ahead = Now.AddMinutes(6).ToUnixTimeSeconds();
        var edge = Now.AddMinutes(-5).ToUnixTimeSeconds();

        Assert.Equal(ChatCallbackCheck.StaleTimestamp, ChatSignature.Check(Secret, $"{old}", ChatSignature.Sign(Secret, old, Body), Body, Now));
        Assert.Equal(ChatCallbackCheck.StaleTimestamp, ChatSignature.Check(Secret, $"{ahead}", ChatSignature.Sign(Secret, ahead, Body), Body, Now));
        Assert.Equal(ChatCallbackCheck.StaleTimestamp, ChatSignature.Check(Secret, "", ChatSignature.Sign(Secret, 0, Body), Body, Now));
        Assert.Equal(ChatCallbackCheck.Valid, ChatSignature.Check(Secret, $"{edge}", ChatSignature.Sign(Secret, edge, Body), Body, Now));
    }

    [Fact]
    public void SignatureIsSlacksV0HmacOverVersionTimestampAndBody()
    {
        var expected = "v0=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes($"v0:{Now.ToUnixTimeSeconds()}:").Concat(Body).ToArray()));

        Assert.Equal(expected, ChatSignature.Sign(Secret, Now.ToUnixTimeSeconds(), Body));
    }

    [Fact]
    public void ChannelNameIsSlackLegalAndBounded()
    {
        Assert.Equal("inc-checkout-42-eu_1", WarRoomPayload.ChannelName("Checkout-42/EU_1"));
        Assert.Equal(WarRoomPayload.MaxChannelLength, WarRoomPayload.ChannelName(new string('x', 200)).Length);
    }

    [Fact]
    public void PayloadCarriesTheChannelTopicSeverityIdAndEveryParticipantOnceUnderTheirFirstPart()
    {
        var incident = View() with
        {
            Roles = [new RoleAssignment(IncidentRole.TechnicalLead, "tina", Now, "carol"), new RoleAssignment(IncidentRole.Commander, "carol", Now, "carol")],
            Pages = [Page("inc-1/L1/R1", "alice"), Page("inc-1/major/cio", "cio"), Page("inc-1/L1/R1", "carol")],
        };

        using var body = JsonDocument.Parse(WarRoomPayload.Body(incident));
        var root = body.RootElement;

        Assert.Equal(("inc-1/war-room", "inc-1", "inc-inc-1", "sev1", "Checkout down"), (root.GetProperty("idempotency_key").GetString(),
            root.GetProperty("incident_id").GetString(), root.GetProperty("channel").GetString(), root.GetProperty("severity").GetString(),
            root.GetProperty("title").GetString()));
        Assert.Equal("SEV1 major incident: Checkout down", root.GetProperty("topic").GetString());
        Assert.Equal(["carol:commander", "tina:technical_lead", "alice:responder", "dave:responder", "cio:stakeholder"],
            root.GetProperty("participants").EnumerateArray().Select(p => $"{p.GetProperty("id").GetString()}:{p.GetProperty("role").GetString()}"));
    }

    [Fact]
    public void PayloadIsTheSameOnEveryAttemptSoTheReceiverRecognisesARetry()
    {
        Assert.Equal(WarRoomPayload.Body(View()), WarRoomPayload.Body(View()));
        Assert.Equal(WarRoomPayload.IdempotencyKey("inc-1"), WarRoomPayload.IdempotencyKey("inc-1"));
        Assert.NotEqual(WarRoomPayload.IdempotencyKey("inc-1"), WarRoomPayload.IdempotencyKey("inc-2"));
    }

    [Theory]
    [InlineData("""{"url":"https://chat.example.com/r/1","channel":"#inc-1"}""", "https://chat.example.com/r/1", "#inc-1", null)]
    [InlineData("""{"url":"https://chat.example.com/r/1"}""", "https://chat.example.com/r/1", null, null)]
    [InlineData("""{"channel":"#inc-1"}""", null, null, "HTTP 200 without a room URL")]
    [InlineData("""{"url":"javascript:alert(1)"}""", null, null, "HTTP 200 without a room URL")]
    [InlineData("<html>ok</html>", null, null, "HTTP 200 without a room URL")]
    public void ReplyIsTheRoomsUrlAndChannelOrAskedAgain(string body, string? url, string? channel, string? error)
    {
        var reply = WarRoomPayload.Read(body, 200);

        Assert.Equal((url, channel, error, error is not null), (reply.Url, reply.Channel, reply.Error, reply.Retryable));
    }

    [Fact]
    public void TimesReadAsPeopleSayThem()
    {
        Assert.Equal(["42 s", "5 min", "1 min 30 s", "0 s"],
            new[] { TimeSpan.FromSeconds(42), TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(90), TimeSpan.Zero }.Select(WarRooms.Span));
    }

    [Fact]
    public void CommandsParseWithTheirArguments()
    {
        var (ack, _) = ChatCommand.Parse(Body);
        var (assign, _) = ChatCommand.Parse(Json("""{"user_id":"U1","incident_id":"inc-1","command":"assign","role":"communications_lead","assignee":"U2"}"""));
        var (update, _) = ChatCommand.Parse(Json("""{"user_id":"U1","incident_id":"inc-1","command":"update","text":"Failover done"}"""));

        Assert.Equal(new ChatCommand(ChatVerb.Acknowledge, "U1", "inc-1", null, null, null), ack);
        Assert.Equal(new ChatCommand(ChatVerb.Assign, "U1", "inc-1", null, IncidentRole.CommunicationsLead, "U2"), assign);
        Assert.Equal(new ChatCommand(ChatVerb.Update, "U1", "inc-1", "Failover done", null, null), update);
    }

    [Theory]
    [InlineData("""{"user_id":"U1","incident_id":"inc-1","command":"reboot"}""", "command")]
    [InlineData("""{"incident_id":"inc-1","command":"ack"}""", "user_id")]
    [InlineData("""{"user_id":"U1","command":"ack"}""", "incident_id")]
    [InlineData("""{"user_id":"U1","incident_id":"inc-1","command":"update"}""", "text")]
    [InlineData("""{"user_id":"U1","incident_id":"inc-1","command":"assign","role":"boss","assignee":"U2"}""", "role")]
    [InlineData("""{"user_id":"U1","incident_id":"inc-1","command":"assign","role":"scribe"}""", "assignee")]
    [InlineData("""{"user_id":7,"incident_id":"inc-1","command":"ack"}""", "user_id")]
    [InlineData("""["ack"]""", "")]
    [InlineData("""{"user_id":""", "")]
    public void BadCommandsNameTheirField(string body, string field)
    {
        var (command, violations) = ChatCommand.Parse(Json(body));

        Assert.Null(command);
        Assert.Contains(violations, v => v.Field == field);
    }

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static PageRecord Page(string key, string responder) => new(key, responder, 1, 1, null, Now, []);

    private static IncidentView View() => new("inc-1", "checkout", "retail", "down", "Checkout down", "probe", null, AlertSeverity.Critical,
        IncidentStatus.Triggered, ImmutableSortedDictionary<string, string>.Empty, Now, null, null, null, null, 1, Now, 1, [], null, [], null,
        new LifecycleView("sre", "triggered", []), null, [], [], IncidentSeverity.Sev1, [], [],
        new MajorIncident(MajorIncidentCriterion.Sev1, "carol", Now, "bridge:inc-1", ["carol", "dave"], ["cio"], null, [], null, null),
        null, null, null, null, [], [], [], "prod", "sre", "", null, [], []);
}
