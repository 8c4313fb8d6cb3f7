using IncidentActors.BusinessUnits;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Roles;

public sealed class DutyClockRulesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly ResponseTimeLimit CommanderWithin10 = new(IncidentSeverity.Sev1, ResponseDuty.Commander, TimeSpan.FromMinutes(10));
    private static readonly ResponseTimeLimit AssessWithin15 = new(IncidentSeverity.Sev1, ResponseDuty.ImpactAssessment, TimeSpan.FromMinutes(15));
    private static readonly ResponseTimeLimit Sev2Commander = new(IncidentSeverity.Sev2, ResponseDuty.Commander, TimeSpan.FromMinutes(30));

    private static IncidentState Incident() => new() { OpenedAt = Opened, TimeLimits = [CommanderWithin10, AssessWithin15, Sev2Commander] };

    [Fact]
    public void ClocksRunForTheOpenDutiesOfTheCurrentSeverityOnly()
    {
        var state = Incident();
        state.Roles.Add(new RoleAssignment(IncidentRole.Commander, "ana", Opened, "ana"));

        Assert.Equal([AssessWithin15], DutyClockRules.Wanted(state, IncidentSeverity.Sev1));
    }

    [Fact]
    public void AResolvedIncidentRunsNoClock()
    {
        var state = Incident();
        state.Status = IncidentStatus.Resolved;

        Assert.Empty(DutyClockRules.Wanted(state, IncidentSeverity.Sev1));
    }

    [Fact]
    public void AClockIsMeasuredFromOpeningAndDueAtOnceWhenThatIsPast()
    {
        Assert.Equal(Opened.AddMinutes(10), DutyClockRules.Due(Opened, CommanderWithin10, Opened.AddMinutes(3)));
        Assert.Equal(Opened.AddMinutes(20), DutyClockRules.Due(Opened, CommanderWithin10, Opened.AddMinutes(20)));
    }

    [Fact]
    public void OnlyTheRunningClocksOwnDueTimeFiresIt()
    {
        var state = Incident();
        var running = new DutyClock(ResponseDuty.Commander, Opened.AddMinutes(10), Misses: 0);
        state.Clocks.Add(running);

        Assert.Equal(running, DutyClockRules.Fired(state, ResponseDuty.Commander, running.Due, running.Due));
        Assert.Null(DutyClockRules.Fired(state, ResponseDuty.Commander, running.Due.AddMinutes(-1), running.Due));
        Assert.Null(DutyClockRules.Fired(state, ResponseDuty.Commander, running.Due, running.Due.AddSeconds(-1)));
        Assert.Null(DutyClockRules.Fired(state, ResponseDuty.Scribe, running.Due, running.Due));
    }

    [Fact]
    public void TheCommanderCarriesTheIncidentBeforeWhoeverAcknowledgedOrWasPaged()
    {
        var state = Incident();
        state.Step = EscalationStep.First;
        state.Pages.Add(new PageRecord("k", "cy", 1, 1, null, Opened, []));
        Assert.Equal(["cy"], DutyClockRules.Carriers(state));

        state.AcknowledgedBy = "bo";
        Assert.Equal(["bo"], DutyClockRules.Carriers(state));

        state.Roles.Add(new RoleAssignment(IncidentRole.Commander, "ana", Opened, "ana"));
        Assert.Equal(["ana"], DutyClockRules.Carriers(state));
    }

    [Fact]
    public void AMissedDutyIsNamedWithItsSeverityAndLimit()
    {
        Assert.Equal(("SEV1: no commander within 10 min of opening", TimeSpan.FromMinutes(10)),
            DutyClockRules.Missed(Incident(), IncidentSeverity.Sev1, ResponseDuty.Commander));
        Assert.Equal("SEV1: impact not assessed within 15 min of opening",
            DutyClockRules.Missed(Incident(), IncidentSeverity.Sev1, ResponseDuty.ImpactAssessment).Missed);
    }
}
