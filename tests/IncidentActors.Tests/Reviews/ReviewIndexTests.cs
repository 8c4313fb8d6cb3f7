using IncidentActors.Reviews;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Incidents;
using Xunit;

namespace IncidentActors.Tests.Reviews;

/// <summary>The unit's index of reviews catches up with a review whose index update failed after the review was stored.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewIndexTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private readonly FaultyGrainStorage.Faults _faults = new();

    protected override void Configure(ISiloBuilder silo) => FaultyGrainStorage.Install(silo, _faults);

    [Fact]
    public async Task ChangeWhoseIndexWriteFailedIsIndexedByTheReviewsEffectsDeadline()
    {
        var scenario = new ReviewScenario(Grains, Clock);
        var unit = await scenario.UnitAsync();
        var index = Grains.GetGrain<IUnitReviewsGrain>(unit);
        var service = await scenario.ServiceAsync(unit);
        var incident = await scenario.ResolvedAsync(service);
        var (review, _) = await scenario.ReviewOfAsync(incident);
        await scenario.PublishAsync(review, "change");
        var item = await review.AddActionItem(new ActionItemDraft(ActionItemKind.ImmediateFix, "Validate replica config in CI", "ivy",
            Clock.GetUtcNow().AddDays(7), "CI rejects an invalid replica config"), ReviewScenario.Owner);
        await review.RecordVerification(item.Number, "CI run 4711 rejected a broken config", "bob");
        // What publishing told the incident is delivered first, so that only the failed index write is left to catch up.
        await Clock.SettleAsync(Grains, incident);

        _faults.FailNextWrite(index.GetGrainId());
        var effective = await review.MarkEffective(item.Number, ReviewScenario.Owner);
        var missed = await index.EffectiveItemsSharing("a later incident", service, ["change"]);
        Clock.Advance(TimeSpan.FromSeconds(5));
        var found = await Eventually.Get(() =>
        {
            Clock.Advance(TimeSpan.Zero);
            return index.EffectiveItemsSharing("a later incident", service, ["change"]);
        }, items => items.Length == 1, what: "the index to learn the item is effective");

        Assert.Equal(ActionItemStatus.Effective, effective.Status);
        Assert.False(_faults.Armed(index.GetGrainId()));
        Assert.Empty(missed);
        Assert.Equal(new ReopenedItem(review.GetPrimaryKeyString(), item.Number), found.Single());
    }
}
