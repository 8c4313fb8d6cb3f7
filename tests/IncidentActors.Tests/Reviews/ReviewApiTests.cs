using System.Text;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Responders;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Reviews;

/// <summary>A SEV1 from resolution to a published review, verified action items and the reviewed state, over gRPC on a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewApiTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Unit = "ledger-ops";
    private const string TrackerSecret = "tracker-secret-0123456789";
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private RunningSilo _silo = null!;
    private TrackerReceiver _tracker = null!;

    public async Task InitializeAsync()
    {
        _silo = await RunningSilo.StartAsync(azurite, _clock);
        _tracker = await TrackerReceiver.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _tracker.DisposeAsync();
        await _silo.DisposeAsync();
    }

    [Fact]
    public async Task Sev1IsReviewedNaggedPublishedWithItsItemsVerifiedAndThenMayBeReviewed()
    {
        var reviews = new Api.V1.Reviews.ReviewsClient(_silo.Channel);
        var incidents = new Api.V1.Incidents.IncidentsClient(_silo.Channel);
        foreach (var person in new[] { "alice", "bob", "carol" })
        {
            await _silo.GrantAsync(person, Role.Commander, Unit);
        }
        await _silo.GrantAsync("rita", Role.Responder, Unit);
        await _silo.GrantAsync("olga", Role.Observer, "elsewhere");
        await reviews.SetReviewPolicyAsync(new SetReviewPolicyRequest
        {
            BusinessUnitId = Unit,
            Policy = new Api.V1.ReviewPolicy
            {
                RequiredThrough = IncidentSeverity.Sev2, DueHours = 48, RequiredTeams = { "sre" }, FactorCategories = { "technical", "change", "process" },
                Tracker = new TrackerWebhook { Url = _tracker.Url, Secret = TrackerSecret },
            },
        });
        var alice = As("alice");
        var id = await _silo.OpenIncidentAsync("ledger", Unit, "lag", "Ledger replication lag", AlertSeverity.Critical);
        await incidents.AcknowledgeIncidentAsync(new AcknowledgeIncidentRequest { Id = id }, As("bob"));
        await incidents.AssignRoleAsync(new AssignRoleRequest { Id = id, Role = IncidentRole.Commander, AssigneeId = "alice" }, alice);
        await incidents.ResolveIncidentAsync(new ResolveIncidentRequest { Id = id }, alice);

        var review = await Eventually.Get(() => { _clock.Advance(TimeSpan.Zero); return reviews.GetReviewAsync(new GetReviewRequest { IncidentId = id }, alice).ResponseAsync; },
            r => r.Required, what: "the review to be scheduled");
        Assert.Equal(("alice", 48.0), (review.Owner, (review.DueAt.ToDateTimeOffset() - review.ResolvedAt.ToDateTimeOffset()).TotalHours));
        Assert.Contains(review.Participants, p => p.Kind == ParticipantKind.Team && p.Id == "sre");
        Assert.Contains(review.Reconstruction, e => e.Text.StartsWith("Acknowledged", StringComparison.Ordinal));
        await Eventually.True(async () => (await incidents.GetIncidentAsync(new GetIncidentRequest { Id = id })).Timeline
            .Any(e => e.Kind == TimelineEntryKind.ReviewScheduled), what: "the incident's timeline to show the review");

        _clock.Advance(TimeSpan.FromHours(37));
        await Eventually.True(async () =>
        {
            _clock.Advance(TimeSpan.Zero);
            var pages = await new Api.V1.Responders.RespondersClient(_silo.Channel).ListNotificationsAsync(new ListNotificationsRequest { ResponderId = "alice" });
            return pages.Notifications.Any(n => n.Page.Reason.StartsWith("Post-incident review due", StringComparison.Ordinal));
        }, what: "the owner to be reminded before the review is due");

        var blaming = await Status(reviews.UpdateReviewContentAsync(Content(id, "bob pushed the replica config by hand"), alice));
        Assert.Equal((StatusCode.InvalidArgument, true), (blaming.StatusCode, blaming.Status.Detail.Contains("content.factors[0].description")));
        await reviews.UpdateReviewContentAsync(Content(id, "Replica config changes are not validated before rollout"), alice);
        await reviews.EditReconstructionAsync(new EditReconstructionRequest { IncidentId = id, Sequence = 1, Text = "Replication lag alert fired" }, alice);
        await reviews.SubmitReviewAsync(new ReviewActionRequest { IncidentId = id }, alice);

        await incidents.RecordResolutionAsync(new RecordResolutionRequest { Id = id, ActionsTaken = "Re-seeded", ToolsUsed = "pg", ConfigurationChanges = "none" }, alice);
        await incidents.VerifyRestorationAsync(new VerifyRestorationRequest { Id = id, Evidence = RestorationEvidence.HealthCheck, Detail = "lag < 1 s" }, alice);
        await incidents.ReviewClosureAsync(new IncidentActionRequest { Id = id }, As("bob"));
        var early = await Status(incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = id, State = "reviewed" }, alice));
        Assert.Equal((StatusCode.FailedPrecondition, true), (early.StatusCode, early.Status.Detail.Contains("post-incident review")));

        Assert.Equal(StatusCode.PermissionDenied, (await Status(reviews.PublishReviewAsync(new ReviewActionRequest { IncidentId = id }, As("rita")))).StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, (await Status(reviews.GetReviewAsync(new GetReviewRequest { IncidentId = id }, As("olga")))).StatusCode);
        var withoutTeams = await Status(reviews.PublishReviewAsync(new ReviewActionRequest { IncidentId = id }, alice));
        Assert.Equal((StatusCode.FailedPrecondition, true), (withoutTeams.StatusCode, withoutTeams.Status.Detail.Contains("did not attend: sre")));
        await reviews.RecordAttendanceAsync(new RecordAttendanceRequest { IncidentId = id, Kind = ParticipantKind.Team, ParticipantId = "sre", Attended = true }, alice);
        var published = await reviews.PublishReviewAsync(new ReviewActionRequest { IncidentId = id }, alice);

        Assert.Equal(ReviewStatus.Published, published.Status);
        Assert.Contains("db-7.ledger.internal", published.Internal.Content.Summary);
        Assert.Equal("[host] at [address] fell behind", published.External.Content.Summary);
        Assert.DoesNotContain("alice", published.External.ToString());
        Assert.Equal("Replication lag alert fired", published.Reconstruction[0].Text);
        Assert.Single(published.Edits);

        var item = await reviews.AddActionItemAsync(new AddActionItemRequest
        {
            IncidentId = id, Kind = ActionItemKind.ImmediateFix, Title = "Validate replica config in CI", Owner = "carol",
            DueAt = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddDays(7)), VerificationCriteria = "CI rejects an invalid replica config",
        }, alice);
        await reviews.LinkActionItemToTrackerAsync(new LinkActionItemToTrackerRequest { IncidentId = id, Number = item.Number }, alice);
        var byOwner = await Status(reviews.RecordActionItemVerificationAsync(new RecordActionItemVerificationRequest
        {
            IncidentId = id, Number = item.Number, Evidence = "merged",
        }, As("carol")));
        Assert.Equal(StatusCode.FailedPrecondition, byOwner.StatusCode);
        var verified = await reviews.RecordActionItemVerificationAsync(new RecordActionItemVerificationRequest
        {
            IncidentId = id, Number = item.Number, Evidence = "CI run 4711 rejected a broken config",
        }, As("bob"));
        Assert.Equal((ActionItemStatus.Done, "bob"), (verified.Status, verified.VerifiedBy));

        var synced = await Eventually.Get(() => { _clock.Advance(TimeSpan.Zero); return reviews.GetReviewAsync(new GetReviewRequest { IncidentId = id }, alice).ResponseAsync; },
            r => r.ActionItems[0].Tracker is { SyncPending: false, Key: "OPS-1" }, what: "the tracker to answer its key");
        Assert.Equal("Done", synced.ActionItems[0].Tracker.Status);
        var (headers, body) = _tracker.Requests.Last();
        Assert.True(WebhookSignature.Verify(TrackerSecret, headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body,
            DateTimeOffset.UtcNow, TimeSpan.FromDays(2)));
        Assert.Contains("\"summary\":\"Validate replica config in CI\"", Encoding.UTF8.GetString(body));
        Assert.Contains("\"status\":\"done\"", Encoding.UTF8.GetString(body));

        var reviewed = await incidents.TransitionIncidentAsync(new TransitionIncidentRequest { Id = id, State = "reviewed" }, alice);
        Assert.Equal("reviewed", reviewed.Lifecycle.State);
        var found = await reviews.ListPublishedReviewsAsync(new ListPublishedReviewsRequest { BusinessUnitId = Unit, FactorCategory = "change", Text = "validated" });
        Assert.Equal([id], found.Reviews.Select(r => r.IncidentId));
        var timeliness = await reviews.GetReviewTimelinessAsync(new GetReviewTimelinessRequest { BusinessUnitId = Unit });
        Assert.Equal((1, 0, 0), (timeliness.PublishedOnTime, timeliness.PublishedLate, timeliness.Overdue));
        // The metrics service counts the same SEV1: its response times, its review on time and no overdue item.
        var metrics = new Api.V1.Metrics.MetricsClient(_silo.Channel);
        var range = new QueryMetricsRequest
        {
            BusinessUnitId = Unit, From = Timestamp.FromDateTimeOffset(reviewed.OpenedAt.ToDateTimeOffset().AddDays(-1)),
            To = Timestamp.FromDateTimeOffset(_clock.GetUtcNow().AddDays(1)),
        };
        var total = (await Eventually.Get(() => metrics.QueryMetricsAsync(range).ResponseAsync, r => r.Total.ReviewTimeliness == 1,
            what: "the review's facts to reach the metrics")).Total;
        Assert.Equal((1, 1, 1, true, 0.0), (total.TimeToAcknowledge.Count, total.TimeToResolve.Count, total.Incidents, total.HasActionItemOverdueRate,
            total.ActionItemOverdueRate));

        // Restricted: the review and its search hit go with the incident, even for an org admin outside the groups.
        await incidents.RestrictIncidentAsync(new RestrictIncidentRequest { Id = id, Groups = { "security" } }, alice);
        Assert.NotNull((await reviews.GetReviewAsync(new GetReviewRequest { IncidentId = id }, alice)).Internal);
        Assert.Equal(StatusCode.NotFound, (await Status(reviews.GetReviewAsync(new GetReviewRequest { IncidentId = id }))).StatusCode);
        await Eventually.True(async () => (await reviews.ListPublishedReviewsAsync(new ListPublishedReviewsRequest { BusinessUnitId = Unit })).Reviews.Count == 0,
            what: "the search to leave the restricted review out");
        Assert.Equal(0, (await reviews.GetReviewTimelinessAsync(new GetReviewTimelinessRequest { BusinessUnitId = Unit })).PublishedOnTime);
    }

    private Metadata As(string person) => new() { { "authorization", $"Bearer {TestTokens.For(person)}" } };

    private static UpdateReviewContentRequest Content(string id, string factor) => new()
    {
        IncidentId = id,
        Content = new Api.V1.ReviewContent
        {
            Summary = "db-7.ledger.internal at 10.20.0.7 fell behind",
            Factors = { new Api.V1.ContributingFactor { Category = "change", Description = factor } },
            DetectionGaps = { "Lag alert threshold too high" },
        },
    };

    private static async Task<RpcException> Status<T>(AsyncUnaryCall<T> call) => await Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync);
}
