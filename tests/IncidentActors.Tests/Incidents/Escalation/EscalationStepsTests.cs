using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Escalation;

public sealed class EscalationStepsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly EscalationPolicyDefinition Policy = new("primary", "Primary",
        [new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "ana")], TimeSpan.FromMinutes(5))], 0, TimeSpan.FromMinutes(15));

    private static IncidentState Paged(DateTimeOffset escalateAt) =>
        new() { Policy = Policy, Step = EscalationStep.First, StepPaged = true, NextEscalationAt = escalateAt };

    [Fact]
    public void AFiredDeadlinePagesAStepNotYetPaged() =>
        Assert.Equal(EscalationWake.PageStep, EscalationSteps.OnFire(new IncidentState { Policy = Policy, Step = EscalationStep.First }, exists: true, Now));

    [Fact]
    public void AFiredDeadlineEscalatesOnlyOnceTheLevelsTimeIsUp()
    {
        Assert.Equal(EscalationWake.Escalate, EscalationSteps.OnFire(Paged(Now), exists: true, Now));
        Assert.Equal(EscalationWake.Rearm, EscalationSteps.OnFire(Paged(Now.AddMinutes(1)), exists: true, Now));
    }

    [Fact]
    public void StoppedOrResolvedEscalationIgnoresItsDeadline()
    {
        var acknowledged = Paged(Now);
        acknowledged.Status = IncidentStatus.Acknowledged;
        var resolved = Paged(Now);
        resolved.Status = IncidentStatus.Resolved;

        Assert.Equal(EscalationWake.Ignore, EscalationSteps.OnFire(acknowledged, exists: true, Now));
        Assert.Equal(EscalationWake.Ignore, EscalationSteps.OnFire(resolved, exists: true, Now));
        Assert.Equal(EscalationWake.Ignore, EscalationSteps.OnFire(Paged(Now), exists: false, Now));
        Assert.Equal(EscalationWake.Ignore, EscalationSteps.OnFire(new IncidentState(), exists: true, Now));
    }

    [Fact]
    public void StoppingTwiceStopsOnce()
    {
        var state = Paged(Now);

        Assert.True(EscalationSteps.Stop(state));
        Assert.Null(state.NextEscalationAt);
        Assert.False(EscalationSteps.Stop(state));
    }

    [Fact]
    public void EnteringAStepWaitsForItsPage()
    {
        var state = Paged(Now);
        state.EscalationExhausted = true;

        EscalationSteps.Enter(state, new EscalationStep(0, 1));

        Assert.Equal((new EscalationStep(0, 1), false, false, (DateTimeOffset?)null), (state.Step, state.StepPaged, state.EscalationExhausted, state.NextEscalationAt));
    }

    [Fact]
    public void AnIncidentWithoutAPolicyCannotBeEscalatedByHand()
    {
        var error = Assert.Throws<IllegalTransitionException>(() => EscalationSteps.Require("checkout-1", new IncidentState()));

        Assert.Contains("reassign", error.Message);
    }
}
