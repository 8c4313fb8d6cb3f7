using IncidentActors.Incidents;
using IncidentActors.Reviews;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Reviews;

/// <summary>An effective action item reopened by a later review of its service that shares a contributing factor.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ActionItemReopeningTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const string Owner = ReviewScenario.Owner;

    private ReviewScenario Scenario => new(Grains, Clock);

    [Fact]
    public async Task EffectiveItemIsReopenedOnceByAReviewOfItsServiceSharingAFactorAndPagesItsOwnerAgain()
    {
        var unit = await Scenario.UnitAsync();
        var service = await Scenario.ServiceAsync(unit);
        var first = await Scenario.ResolvedAsync(service);
        var (review, _) = await Scenario.ReviewOfAsync(first);
        await Scenario.PublishAsync(review, "change");
        var item = await review.AddActionItem(new ActionItemDraft(ActionItemKind.ArchitecturalChange, "Validate replica config", "ivy",
            Clock.GetUtcNow().AddDays(1), "CI rejects an invalid config"), Owner);
        var pages = $"review:{first.GetPrimaryKeyString()}/item{item.Number}";
        Clock.Advance(TimeSpan.FromDays(1));
        await Scenario.PagedAsync("ivy", pages, 1);
        await review.RecordVerification(item.Number, "CI run 4711 rejected a broken config", Owner);
        await review.MarkEffective(item.Number, Owner);

        await PublishReviewOfAsync(await Scenario.ServiceAsync(unit), "change");
        await PublishReviewOfAsync(service, "technical");
        Clock.Advance(TimeSpan.Zero);
        Assert.Equal(ActionItemStatus.Effective, (await review.ActionItems()).Single().Status);

        var (later, laterReview) = await PublishReviewOfAsync(service, "change");
        var reopened = await Eventually.Get(() => { Clock.Advance(TimeSpan.Zero); return review.ActionItems(); },
            items => items.Single().Status == ActionItemStatus.Open, what: "the item to be reopened");
        await Scenario.PagedAsync("ivy", pages, 2);
        await Eventually.True(async () => await ReviewScenario.EntriesAsync(first, TimelineEntryKind.ActionItemReopened) == 1
            && await ReviewScenario.EntriesAsync(later, TimelineEntryKind.ActionItemReopened) == 1, what: "both incidents' timelines to show the reopening");

        // Redelivered, and again once the item proved effective a second time: it stays as it is.
        await laterReview.OnDeadline("effects", Clock.GetUtcNow());
        await review.RecordVerification(item.Number, "Config validation covers replicas too", Owner);
        await review.MarkEffective(item.Number, Owner);
        await review.Reopen(item.Number, later.GetPrimaryKeyString());
        await Clock.SettleAsync(Grains, first);

        Assert.Equal(later.GetPrimaryKeyString(), Assert.Single(reopened.Single().ReopenedBy));
        Assert.Equal(ActionItemStatus.Effective, (await review.ActionItems()).Single().Status);
        Assert.Equal(1, await ReviewScenario.EntriesAsync(first, TimelineEntryKind.ActionItemReopened));
        Assert.Equal(1, await ReviewScenario.EntriesAsync(later, TimelineEntryKind.ActionItemReopened));
        Assert.Equal(2, (await Scenario.PagesAsync("ivy", pages)).Length);
    }

    private async Task<(IIncidentGrain Incident, IPostIncidentReviewGrain Review)> PublishReviewOfAsync(string service, string factorCategory)
    {
        var incident = await Scenario.ResolvedAsync(service);
        var (review, _) = await Scenario.ReviewOfAsync(incident);
        await Scenario.PublishAsync(review, factorCategory);
        return (incident, review);
    }
}
