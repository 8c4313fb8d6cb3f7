using IncidentActors.Access;
using IncidentActors.Alerts;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Reviews;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Responders;
using Xunit;

namespace IncidentActors.Tests.Reviews;

/// <summary>A review's and its action items' reminders, on the review's own durable deadlines, driven by a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewReminderTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const string Admin = "una";
    private const string Commander = "cora";
    private const string Owner = ReviewScenario.Owner;

    private ReviewScenario Scenario => new(Grains, Clock);

    [Fact]
    public async Task RequiredReviewRemindsItsOwnerThenTheUnitDailyIsMarkedOverdueOnceAndStopsWhenPublished()
    {
        var unit = await Scenario.UnitAsync(leads: Admin);
        await Grains.GetGrain<IAccessGrantsGrain>(Commander).Grant(new RoleGrant(Role.Commander, unit));
        await Grains.GetGrain<IAccessGrantsGrain>("otto").Grant(new RoleGrant(Role.Commander, AzuriteFixture.UniqueName("other")));
        var incident = await Scenario.ResolvedAsync(await Scenario.ServiceAsync(unit));
        var (review, view) = await Scenario.ReviewOfAsync(incident);
        var pages = $"review:{incident.GetPrimaryKeyString()}/review/";

        Clock.Advance(view.DueAt - ReviewReminders.ReviewLead - Clock.GetUtcNow() - TimeSpan.FromMinutes(1));
        await Clock.SettleAsync(Grains, incident);
        Assert.Empty(await Scenario.PagesAsync(Owner, pages));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var before = Assert.Single(await Scenario.PagedAsync(Owner, pages, 1));
        Assert.StartsWith("Post-incident review due", before.Page.Reason);
        Assert.True(before.Page.Reminder);

        Clock.Advance(ReviewReminders.ReviewLead);
        await Scenario.PagedAsync(Owner, pages, 2);
        Assert.Equal(view.DueAt, (await review.Get()).OverdueSince);
        Assert.Empty(await Scenario.PagesAsync(Admin, pages));
        // Fired again, as a retry or a failover would: nobody is paged twice and the review is overdue once.
        await review.OnDeadline("review-nag", view.DueAt);
        Clock.Advance(ReviewReminders.Repeat);
        await Scenario.PagedAsync(Commander, pages, 1);
        await review.OnDeadline("review-nag", view.DueAt + ReviewReminders.Repeat);
        await Eventually.True(async () => await ReviewScenario.EntriesAsync(incident, TimelineEntryKind.ReviewOverdue) == 1,
            what: "the incident's timeline to show the review overdue");

        await Scenario.PublishAsync(review, "change");
        Clock.Advance(ReviewReminders.Repeat * 3);
        await Clock.SettleAsync(Grains, incident);

        Assert.Equal(3, (await Scenario.PagesAsync(Owner, pages)).Length);
        Assert.Single(await Scenario.PagesAsync(Admin, pages));
        Assert.Single(await Scenario.PagesAsync(Commander, pages));
        Assert.Empty(await Scenario.PagesAsync("otto", pages));
        Assert.Equal(1, await ReviewScenario.EntriesAsync(incident, TimelineEntryKind.ReviewOverdue));
        Assert.Equal(view.DueAt, (await review.Get()).OverdueSince);
    }

    [Fact]
    public async Task ReviewRemindersEndAfterThirty()
    {
        var unit = await Scenario.UnitAsync(leads: Admin);
        var incident = await Scenario.ResolvedAsync(await Scenario.ServiceAsync(unit));
        var (_, view) = await Scenario.ReviewOfAsync(incident);
        var pages = $"review:{incident.GetPrimaryKeyString()}/review/";

        Clock.Advance(view.DueAt - ReviewReminders.ReviewLead - Clock.GetUtcNow());
        await Scenario.PagedAsync(Owner, pages, 1);
        Clock.Advance(ReviewReminders.ReviewLead);
        for (var nag = 2; nag <= ReviewReminders.MaxNags; nag++)
        {
            await Scenario.PagedAsync(Owner, pages, nag);
            Clock.Advance(ReviewReminders.Repeat);
        }
        Clock.Advance(ReviewReminders.Repeat * 5);
        await Clock.SettleAsync(Grains, incident);

        Assert.Equal(ReviewReminders.MaxNags, (await Scenario.PagesAsync(Owner, pages)).Length);
        Assert.Equal(ReviewReminders.MaxNags - ReviewReminders.ReviewEscalatesAt, (await Scenario.PagesAsync(Admin, pages)).Length);
    }

    [Fact]
    public async Task OverdueActionItemNagsItsOwnerThenTheUnitWeeksAfterTheIncidentClosedUntilVerified()
    {
        var unit = await Scenario.UnitAsync(leads: Admin);
        var incident = await Scenario.ResolvedAsync(await Scenario.ServiceAsync(unit), AlertSeverity.Info);
        await incident.RecordResolution("Re-seeded the replica", "pg", "none", new ResponderAction(Owner, null));
        await incident.VerifyRestoration(RestorationEvidence.HealthCheck, "lag below a second", new ResponderAction(Owner, null));
        var (review, view) = await Scenario.ReviewOfAsync(incident);
        Assert.False(view.Required);
        await incident.Transition("reviewed", new ResponderAction(Owner, null));
        var item = await review.AddActionItem(new ActionItemDraft(ActionItemKind.ImmediateFix, "Validate replica config in CI", "ivy",
            Clock.GetUtcNow().AddDays(2), "CI rejects an invalid replica config"), Owner);
        var pages = $"review:{incident.GetPrimaryKeyString()}/item{item.Number}/";

        Clock.Advance(TimeSpan.FromDays(21));
        var due = Assert.Single(await Scenario.PagedAsync("ivy", pages, 1));
        Assert.Empty(await Scenario.PagesAsync(Admin, pages));
        await review.OnDeadline($"item:{item.Number}", item.DueAt);
        Clock.Advance(ReviewReminders.Repeat);
        await Scenario.PagedAsync(Admin, pages, 1);
        await Scenario.PagedAsync("ivy", pages, 2);
        await review.RecordVerification(item.Number, "CI run 4711 rejected a broken config", Owner);
        Clock.Advance(ReviewReminders.Repeat * 3);
        await Clock.SettleAsync(Grains, incident);

        Assert.Contains("was due", due.Page.Reason);
        Assert.Equal(2, (await Scenario.PagesAsync("ivy", pages)).Length);
        Assert.Single(await Scenario.PagesAsync(Admin, pages));
        Assert.Equal("reviewed", (await incident.Get()).Lifecycle.State);
    }

    [Fact]
    public async Task ReminderAboutAResolvedIncidentsReviewIsRetriedUntilDelivered()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(500);
        var owner = Grains.GetGrain<IResponderGrain>(Owner);
        await owner.Define(new ResponderDefinition(Owner, "Olive", "UTC", [new WebhookContact(receiver.Url, "0123456789abcdef-secret")]));
        var incident = await Scenario.ResolvedAsync(await Scenario.ServiceAsync(await Scenario.UnitAsync()));
        var (_, view) = await Scenario.ReviewOfAsync(incident);
        var pages = $"review:{incident.GetPrimaryKeyString()}/review/";

        Clock.Advance(view.DueAt - ReviewReminders.ReviewLead - Clock.GetUtcNow());
        await Eventually.Get(() => Scenario.PagedAsync(Owner, pages, 1), p => p.Single().Deliveries.Any(d => d.Attempts == 1 && d.HttpStatus == 500),
            what: "the first attempt to fail");
        Clock.Advance(DeliveryBackoff.DelayBefore(2));
        var retried = await Eventually.Get(() => Scenario.PagedAsync(Owner, pages, 1), p => p.Single().Deliveries.Any(d => d.Attempts == 2),
            what: "the reminder to be retried");

        var webhook = retried.Single().Deliveries.Single(d => d.Channel.StartsWith("webhook:", StringComparison.Ordinal));
        Assert.Equal((DeliveryStatus.Delivered, 200), (webhook.Status, webhook.HttpStatus));
        Assert.Equal(2, receiver.Requests.Count);
    }
}
