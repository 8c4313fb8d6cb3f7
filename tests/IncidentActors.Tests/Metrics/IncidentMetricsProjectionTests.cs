using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Metrics;
using Xunit;
using static IncidentActors.Tests.Metrics.MetricFacts;

namespace IncidentActors.Tests.Metrics;

public sealed class IncidentMetricsProjectionTests
{
    private static IncidentEvent Event(bool drill, IncidentMilestones? milestones) => new("checkout-1", 7, TimelineEntryKind.Resolved, At(30), "carol", "Resolved",
        "retail", "checkout", "emea",
        new IncidentSummary("checkout-1", "checkout", "retail", "Checkout down", IncidentStatus.Resolved, Alerts.AlertSeverity.Error, Monday, At(30), 1, 4,
            Drill: drill, Milestones: milestones, Traits: new IncidentTraits(IncidentSeverity.Sev2, "latency", "payments", true, "disk")), null, 0);

    [Fact]
    public void AnEventBecomesTheIncidentsFactAsOfItsSequence()
    {
        var milestones = new IncidentMilestones(At(-5), Monday, At(2), null, At(30));

        var fact = IncidentMetricsProjection.Fact(Event(drill: false, milestones));

        Assert.Equal(new IncidentFact("checkout-1", 7, Monday, "checkout", "payments", "emea", IncidentSeverity.Sev2, "latency", milestones, true, "disk", []), fact);
    }

    [Fact]
    public void AFactCountsAsAnotherWhenOnlyItsEventOrRegionDiffers()
    {
        var milestones = new IncidentMilestones(At(-5), Monday, At(2), null, At(30));
        var fact = new IncidentFact("checkout-1", 7, Monday, "checkout", "payments", "emea", IncidentSeverity.Sev2, "latency", milestones, true, "disk", ["security"]);

        Assert.True(fact.CountsAs(fact with { Sequence = 9, Region = "amer", RestrictedTo = ["security"] }));
        Assert.False(fact.CountsAs(fact with { Sequence = 9, Milestones = milestones with { ResolvedAt = At(31) } }));
        Assert.False(fact.CountsAs(fact with { Sequence = 9, Escalated = false }));
        Assert.False(fact.CountsAs(fact with { Sequence = 9, RestrictedTo = [] }));
    }

    [Fact]
    public void DrillsAndEventsStoredWithoutMilestonesHaveNoFact()
    {
        Assert.Null(IncidentMetricsProjection.Fact(Event(drill: true, new IncidentMilestones(Monday, Monday))));
        Assert.Null(IncidentMetricsProjection.Fact(Event(drill: false, null)));
    }
}
