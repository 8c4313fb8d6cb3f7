using IncidentActors.Communications;
using IncidentActors.StatusPages;
using Xunit;
using static IncidentActors.Tests.StatusPages.StatusFixtures;

namespace IncidentActors.Tests.StatusPages;

public sealed class StatusBoardRulesTests
{
    [Fact]
    public void RedeliveredAndOlderEventsChangeNothing()
    {
        var incidents = new Dictionary<string, BoardIncident>();
        var published = Change(Summary("i-1"), 3, Update(3, 1, UpdateAudience.Customers, "Checkout is down", "We are investigating."));

        Assert.True(StatusBoardRules.Apply(incidents, published));
        Assert.False(StatusBoardRules.Apply(incidents, published));
        Assert.False(StatusBoardRules.Apply(incidents, Change(Summary("i-1", resolved: true), 2)));

        var held = incidents["i-1"];
        Assert.Equal((3L, false), (held.Sequence, held.IsResolved));
        Assert.Equal("We are investigating.", Assert.Single(held.Updates).Body);
    }

    [Fact]
    public void AnUpdatePublishedAgainUnderItsNumberReplacesItsTextAndIsMarkedEdited()
    {
        var incidents = new Dictionary<string, BoardIncident>();
        StatusBoardRules.Apply(incidents, Change(Summary("i-1"), 3, Update(3, 1, UpdateAudience.Customers, "Checkout is down", "First text.")));

        Assert.True(StatusBoardRules.Apply(incidents, Change(Summary("i-1"), 7, Update(7, 1, UpdateAudience.Customers, "Checkout is slow", "Corrected text.", minutes: 30))));

        var update = Assert.Single(incidents["i-1"].Updates);
        Assert.Equal(("Checkout is slow", "Corrected text.", T0.AddMinutes(5), T0.AddMinutes(30)), (update.Subject, update.Body, update.PublishedAt, update.EditedAt));
    }

    [Fact]
    public void ResolvingKeepsTheFirstResolutionTimeAndOldHistoryIsPruned()
    {
        var incidents = new Dictionary<string, BoardIncident>();
        StatusBoardRules.Apply(incidents, Change(Summary("i-1"), 1));
        StatusBoardRules.Apply(incidents, Change(Summary("i-1", resolved: true), 4));
        StatusBoardRules.Apply(incidents, Change(Summary("i-2"), 1));

        Assert.Equal(T0.AddMinutes(4), incidents["i-1"].ResolvedAt);
        Assert.False(StatusBoardRules.Prune(incidents, T0.AddDays(StatusBoardRules.HistoryDays - 1)));
        Assert.True(StatusBoardRules.Prune(incidents, T0.AddDays(StatusBoardRules.HistoryDays + 1)));
        Assert.Equal(["i-2"], incidents.Keys);
    }

    [Fact]
    public void ChangesPagesDoNotShowAreNotWritten()
    {
        var incidents = new Dictionary<string, BoardIncident>();
        StatusBoardRules.Apply(incidents, Change(Summary("i-1"), 1));

        Assert.False(StatusBoardRules.Apply(incidents, Change(Summary("i-1"), 2)));
        Assert.True(StatusBoardRules.Apply(incidents, Change(Summary("i-1", restrictedTo: ["security"]), 3)));
    }
}
