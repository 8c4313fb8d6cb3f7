using System.Text;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Chat;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Chat;

/// <summary>
/// War rooms opened through a real loopback receiver, on the war-room grain's durable deadline, with a fake clock: a
/// failing receiver is asked again after its backoff with the same key, and a target passed without a room is reported.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WarRoomProvisioningTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const string Secret = "war-room-secret-0123456789";
    private static readonly TimeSpan Target = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task ReceiverFailingFirstIsAskedAgainAfterItsBackoffAndTheRoomIsStoredOnce()
    {
        await using var receiver = await WarRoomReceiver.StartAsync(503);
        var incident = await DeclaredAsync(receiver.Url);

        await Eventually.True(() =>
        {
            Clock.Advance(TimeSpan.Zero);
            return Task.FromResult(receiver.Requests.Count == 1);
        }, what: "the first attempt");
        Clock.Advance(DeliveryBackoff.DelayBefore(2));
        var opened = await RoomAsync(incident);
        await Grains.GetGrain<IWarRoomGrain>(incident.GetPrimaryKeyString()).Open(opened.BusinessUnitId, Clock.GetUtcNow());
        await Clock.SettleAsync(Grains, incident);

        var key = WarRoomPayload.IdempotencyKey(opened.Id);
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal([key], receiver.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
        var (headers, body) = receiver.Requests.Last();
        Assert.True(WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
            Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Contains($"\"idempotency_key\":\"{key}\"", Encoding.UTF8.GetString(body));
        Assert.Equal((WarRoomReceiver.RoomUrl(key), TimeSpan.FromSeconds(2), Target), (opened.WarRoom!.Url, opened.WarRoom.Took, opened.WarRoom.Target));
        var entry = Assert.Single(opened.Timeline, e => e.Kind == TimelineEntryKind.WarRoomOpened);
        Assert.StartsWith("War room opened in 2 s (target 5 min)", entry.Message);
        Assert.DoesNotContain((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.WarRoomOverdue);
    }

    [Fact]
    public async Task TargetPassingWithoutARoomIsRecordedOnceAndPagesTheCommander()
    {
        await using var receiver = await WarRoomReceiver.StartAsync([.. Enumerable.Repeat(503, 100)]);
        var incident = await DeclaredAsync(receiver.Url);

        for (var waited = TimeSpan.Zero; waited <= Target; waited += TimeSpan.FromSeconds(30))
        {
            Clock.Advance(TimeSpan.FromSeconds(30));
            await Clock.SettleAsync(Grains, incident);
        }
        var overdue = await Eventually.Get(() =>
        {
            Clock.Advance(TimeSpan.Zero);
            return incident.Get();
        }, v => v.Timeline.Any(e => e.Kind == TimelineEntryKind.WarRoomOverdue), what: "the missed target");
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Clock.SettleAsync(Grains, incident);

        var entry = Assert.Single((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.WarRoomOverdue);
        Assert.Equal("No war room within the target of 5 min (last attempt: HTTP 503); paged carol", entry.Message);
        Assert.Null(overdue.WarRoom);
        Assert.Contains(overdue.Pages, p => p.IdempotencyKey == $"{overdue.Id}/war-room/carol");
        Assert.True(receiver.Requests.Count >= 3, $"only {receiver.Requests.Count} attempts");
    }

    [Fact]
    public async Task UnitWithoutAWarRoomWebhookOpensNone()
    {
        var unit = await UnitAsync();
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, unit, severity: AlertSeverity.Error);
        await incident.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("carol", null));

        Clock.Advance(Target + TimeSpan.FromMinutes(1));
        await Clock.SettleAsync(Grains, incident);

        var view = await incident.Get();
        Assert.Null(view.WarRoom);
        Assert.DoesNotContain(view.Timeline, e => e.Kind is TimelineEntryKind.WarRoomOpened or TimelineEntryKind.WarRoomOverdue);
    }

    private async Task<IIncidentGrain> DeclaredAsync(string receiverUrl)
    {
        var unit = await UnitAsync();
        await Grains.GetGrain<IUnitChatGrain>(unit).SetWarRoomWebhook(new WarRoomWebhook(receiverUrl, Secret, Target));
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, unit, severity: AlertSeverity.Error);
        await incident.AssignRole(IncidentRole.Commander, "carol", new ResponderAction("alice", null));
        await incident.DeclareMajor(MajorIncidentCriterion.ByHand, null, new ResponderAction("carol", null));
        return incident;
    }

    private async Task<string> UnitAsync()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(unit).Define(new BusinessUnitDefinition(unit, unit, TestClusters.Region,
            BusinessUnitDefaults.Sre, BusinessUnitDefaults.StandardMatrix, [], [], ["cio"]));
        return unit;
    }

    private Task<IncidentView> RoomAsync(IIncidentGrain incident) => Eventually.Get(() =>
    {
        Clock.Advance(TimeSpan.Zero);
        return incident.Get();
    }, v => v.WarRoom is not null, what: "the war room");
}
