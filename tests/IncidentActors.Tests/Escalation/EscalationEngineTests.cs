using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Escalation;

public sealed class EscalationEngineTests
{
    private static readonly EscalationPolicyDefinition Policy = new(
        "primary", "Primary",
        [
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "ana")], TimeSpan.FromMinutes(5)),
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "bo")], TimeSpan.FromMinutes(10)),
        ],
        Repeats: 1, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(15));

    private static readonly EscalationStep Last = new(1, 1);

    [Fact]
    public void UnansweredLevelEscalatesToTheNextAndSaysHowLongItWaited()
    {
        var decision = EscalationEngine.LevelUnanswered(Policy, EscalationStep.First);

        Assert.Equal(new EscalationDecision(new EscalationStep(1, 0), "escalation", TimelineEntryKind.Escalated,
            "Not acknowledged within 00:05:00: escalating to level 2 (round 1)."), decision);
    }

    [Fact]
    public void UnansweredLastLevelOfTheLastRoundExhaustsEscalation()
    {
        var decision = EscalationEngine.LevelUnanswered(Policy, Last);

        Assert.Equal(new EscalationDecision(null, "escalation", TimelineEntryKind.EscalationExhausted,
            "Nobody acknowledged after 2 round(s) of policy 'primary'; escalation stopped."), decision);
    }

    [Fact]
    public void DutyMissedAgainEscalatesOnTheClocksBehalf()
    {
        var decision = EscalationEngine.DutyMissedAgain(Policy, new EscalationStep(1, 0), "SEV1: no commander within 10 min of opening");

        Assert.Equal(new EscalationDecision(new EscalationStep(0, 1), "clock", TimelineEntryKind.TimeLimitMissed,
            "SEV1: no commander within 10 min of opening, missed again after a reminder: escalating to level 1 (round 2)."), decision);
    }

    [Fact]
    public void DutyMissedAgainWithoutAPolicyStopsAndSaysSo()
    {
        var decision = EscalationEngine.DutyMissedAgain(null, null, "SEV2: impact not assessed within 15 min of opening");

        Assert.Null(decision.Next);
        Assert.Equal(TimelineEntryKind.TimeLimitMissed, decision.Kind);
        Assert.Equal("SEV2: impact not assessed within 15 min of opening, missed again after a reminder; there is no further escalation level.", decision.Message);
    }

    [Fact]
    public void UnacceptedHandoverEscalatesToTheNextLevel()
    {
        var decision = EscalationEngine.HandoverUnaccepted(Policy, EscalationStep.First, "cy");

        Assert.Equal(new EscalationDecision(new EscalationStep(1, 0), "escalation", TimelineEntryKind.Escalated,
            "cy did not accept the handover in time: escalating to level 2 (round 1)."), decision);
    }

    [Fact]
    public void UnacceptedHandoverAtTheEndStopsAndSaysNobodyIsLeft()
    {
        var decision = EscalationEngine.HandoverUnaccepted(Policy, Last, "cy");

        Assert.Null(decision.Next);
        Assert.Equal(TimelineEntryKind.Escalated, decision.Kind);
        Assert.Equal("cy did not accept the handover in time, and there is no further level to page.", decision.Message);
    }

    [Fact]
    public void EscalationByHandPastTheLastLevelIsRefused()
    {
        Assert.Equal(new EscalationStep(1, 0), EscalationEngine.ByHand("checkout-1", Policy, EscalationStep.First));
        var error = Assert.Throws<IllegalTransitionException>(() => EscalationEngine.ByHand("checkout-1", Policy, Last));
        Assert.Contains("checkout-1", error.Message);
    }
}
