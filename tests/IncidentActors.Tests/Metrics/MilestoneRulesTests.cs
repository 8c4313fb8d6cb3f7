using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Tests.Incidents;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using static IncidentActors.Tests.Metrics.MetricFacts;

namespace IncidentActors.Tests.Metrics;

public sealed class MilestoneRulesTests
{
    private static IncidentState Opened(DateTimeOffset? startedAt = null)
    {
        var s = new IncidentState { Status = IncidentStatus.Triggered, OpenedAt = Monday, Lifecycle = BusinessUnitDefaults.Sre, LifecycleState = "triggered" };
        MilestoneRules.Open(s, startedAt, Monday);
        return s;
    }

    [Fact]
    public void TheAlertsStartIsDetectedAndOneAfterTheOpeningCannotBe()
    {
        Assert.Equal(At(-12), Opened(At(-12)).Milestones!.DetectedAt);
        Assert.Equal(Monday, Opened(At(5)).Milestones!.DetectedAt);
        Assert.Equal(Monday, Opened().Milestones!.DetectedAt);
    }

    [Fact]
    public void EachPhaseSetsItsMilestoneOnFirstEntryOnlySoAReassignedIncidentKeepsItsFirstAcknowledgement()
    {
        var s = Opened();
        MilestoneRules.Enter(s, LifecyclePhase.Acknowledged, At(3));
        // Reassignment took the acknowledgement back; the next one is not the first response.
        s.Status = IncidentStatus.Triggered;
        MilestoneRules.Enter(s, LifecyclePhase.Acknowledged, At(9));

        Assert.Equal(At(3), s.Milestones!.AcknowledgedAt);
    }

    [Fact]
    public void MitigatingUnacknowledgedAcknowledgesTooAndResolvingLeavesMitigationUnreached()
    {
        var mitigated = Opened();
        MilestoneRules.Enter(mitigated, LifecyclePhase.Mitigated, At(4));
        var resolved = Opened();
        MilestoneRules.Enter(resolved, LifecyclePhase.Resolved, At(6));

        Assert.Equal((At(4), At(4)), (mitigated.Milestones!.AcknowledgedAt, mitigated.Milestones.MitigatedAt));
        Assert.Equal((null, null, At(6)), (resolved.Milestones!.AcknowledgedAt, resolved.Milestones.MitigatedAt, resolved.Milestones.ResolvedAt));
    }

    [Fact]
    public void ReopeningClearsTheResolutionCountsAReopenAndTheNextResolutionCounts()
    {
        var s = Opened();
        MilestoneRules.Enter(s, LifecyclePhase.Resolved, At(10));
        s.Status = IncidentStatus.Resolved;
        MilestoneRules.Enter(s, LifecyclePhase.Acknowledged, At(20));
        s.Status = IncidentStatus.Acknowledged;

        Assert.Equal((null, 1, At(20)), (s.Milestones!.ResolvedAt, s.Milestones.Reopens, s.Milestones.AcknowledgedAt));
        MilestoneRules.Enter(s, LifecyclePhase.Resolved, At(40));
        Assert.Equal(At(40), s.Milestones.ResolvedAt);
    }

    [Fact]
    public void IncidentsStoredBeforeMilestonesTakeThemFromTheirStatusTimes()
    {
        var s = new IncidentState { OpenedAt = Monday, AcknowledgedAt = At(2), ResolvedAt = At(5) };

        Assert.Equal(new IncidentMilestones(Monday, Monday, At(2), null, At(5)), MilestoneRules.Of(s));
    }

    [Fact]
    public async Task ACorrectionMovesTheMilestoneAndIsATimelineEntry()
    {
        var (incident, _) = await ContextAsync(Opened(At(-5)));

        Assert.True(MilestoneRules.Correct(incident, Milestone.Detected, At(-40), new ResponderAction("carol", "the customer called at 07:20")));

        Assert.Equal(At(-40), incident.State.Milestones!.DetectedAt);
        var entry = incident.State.Timeline[^1];
        Assert.Equal((TimelineEntryKind.MilestoneCorrected, "carol"), (entry.Kind, entry.Actor));
        Assert.Contains("the customer called", entry.Message);
        Assert.False(MilestoneRules.Correct(incident, Milestone.Detected, At(-40), new ResponderAction("carol", null)));
    }

    [Fact]
    public async Task ACorrectionThatBreaksTheOrderReachesNoMilestoneOrLiesAheadIsRefusedNamingTheField()
    {
        var s = Opened();
        MilestoneRules.Enter(s, LifecyclePhase.Acknowledged, At(3));
        var (incident, clock) = await ContextAsync(s);
        var carol = new ResponderAction("carol", null);

        Assert.Equal("at", Field(() => MilestoneRules.Correct(incident, Milestone.Acknowledged, At(-1), carol)));
        Assert.Equal("milestone", Field(() => MilestoneRules.Correct(incident, Milestone.Resolved, At(5), carol)));
        Assert.Equal("at", Field(() => MilestoneRules.Correct(incident, Milestone.Acknowledged, clock.GetUtcNow().AddMinutes(1), carol)));
        Assert.Equal(At(3), incident.State.Milestones!.AcknowledgedAt);
    }

    private static string Field(Action act) => Assert.Single(Assert.Throws<InvalidRequestException>(act).Violations).Field;

    private static async Task<(IncidentContext, FakeTimeProvider)> ContextAsync(IncidentState s)
    {
        s.ServiceId = "checkout";
        s.BusinessUnitId = "retail";
        var clock = new FakeTimeProvider(At(60));
        var incident = new IncidentContext(GrainId.Create("incident", "checkout-1"), new StoredIncident(s), grains: null!, clock, TimelineKeys.Silo);
        await incident.LoadAsync(CancellationToken.None);
        return (incident, clock);
    }
}
