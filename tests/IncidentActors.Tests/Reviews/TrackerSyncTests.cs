using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Reviews;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Reviews;

/// <summary>Action items synced to a tracker on loopback by a signed webhook, retried on the review's durable deadline.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TrackerSyncTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const string Secret = "tracker-secret-0123456789";

    private ReviewScenario Scenario => new(Grains, Clock);

    [Fact]
    public async Task SyncTheTrackerFailedIsRetriedOnItsDeadlineThenStoresTheIssue()
    {
        await using var tracker = await TrackerReceiver.StartAsync((500, ""));
        var review = await LinkedItemAsync(tracker);

        var failed = await SyncedAsync(review, link => link.Attempts == 1);
        Clock.Advance(DeliveryBackoff.DelayBefore(2));
        var synced = await SyncedAsync(review, link => !link.SyncPending);

        Assert.Equal((true, "HTTP 500"), (failed.SyncPending, failed.Error));
        Assert.Equal((TrackerReceiver.IssueKey, "To Do", 2, null), (synced.Key, synced.Status, synced.Attempts, synced.Error));
        Assert.Single(tracker.Requests.Select(r => r.Headers["Idempotency-Key"]).Distinct());
        var (headers, body) = tracker.Requests.Last();
        Assert.True(WebhookSignature.Verify(Secret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
            Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public async Task SyncToATrackerNotYetListeningIsRetriedUntilItAnswers()
    {
        var port = AzuriteFixture.FreeLoopbackPort();
        var review = await LinkedItemAsync($"http://127.0.0.1:{port}/issues");

        var refused = await SyncedAsync(review, link => link.Attempts == 1);
        await using var tracker = await TrackerReceiver.StartAsync(port);
        Clock.Advance(DeliveryBackoff.DelayBefore(2));
        var synced = await SyncedAsync(review, link => !link.SyncPending);

        Assert.Equal((true, "request failed"), (refused.SyncPending, refused.Error));
        Assert.Equal((TrackerReceiver.IssueKey, 2, null), (synced.Key, synced.Attempts, synced.Error));
        Assert.Single(tracker.Requests);
    }

    [Fact]
    public async Task TrackerAnsweringWhatIsNotUnderstoodLeavesItsErrorOnTheItemAndIsNotRetried()
    {
        await using var tracker = await TrackerReceiver.StartAsync((200, "<html>Service Unavailable</html>"));
        var review = await LinkedItemAsync(tracker);

        var given = await SyncedAsync(review, link => link.Attempts == 1);
        Clock.Advance(TimeSpan.FromHours(1));
        await Clock.SettleAsync(Grains, Grains.GetGrain<IIncidentGrain>(review.GetPrimaryKeyString()));

        Assert.False(given.SyncPending);
        Assert.StartsWith("tracker answered HTTP 200 without a JSON object naming the issue's key", given.Error);
        Assert.Single(tracker.Requests);
        Assert.Equal(given, (await review.ActionItems()).Single().Tracker);
    }

    private async Task<IPostIncidentReviewGrain> LinkedItemAsync(TrackerReceiver tracker) => await LinkedItemAsync(tracker.Url);

    private async Task<IPostIncidentReviewGrain> LinkedItemAsync(string trackerUrl)
    {
        var unit = await Scenario.UnitAsync(new TrackerWebhook(trackerUrl, Secret));
        var (review, _) = await Scenario.ReviewOfAsync(await Scenario.ResolvedAsync(await Scenario.ServiceAsync(unit)));
        var item = await review.AddActionItem(new ActionItemDraft(ActionItemKind.ImmediateFix, "Validate replica config in CI", "ivy",
            Clock.GetUtcNow().AddDays(7), "CI rejects an invalid replica config"), ReviewScenario.Owner);
        await review.LinkToTracker(item.Number, null, ReviewScenario.Owner);
        return review;
    }

    private Task<TrackerLink> SyncedAsync(IPostIncidentReviewGrain review, Func<TrackerLink, bool> until) => Eventually.Get(async () =>
    {
        Clock.Advance(TimeSpan.Zero);
        return (await review.ActionItems()).Single().Tracker!;
    }, until, what: "the tracker sync");
}
