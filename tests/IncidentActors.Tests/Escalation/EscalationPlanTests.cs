using IncidentActors.Errors;
using IncidentActors.Escalation;
using Xunit;

namespace IncidentActors.Tests.Escalation;

public sealed class EscalationPlanTests
{
    private static EscalationPolicyDefinition Policy(int levels, int repeats) => new(
        "primary", "Primary",
        [.. Enumerable.Range(0, levels).Select(i => new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, $"r{i}")], TimeSpan.FromMinutes(5)))],
        repeats, TimeSpan.FromMinutes(10));

    [Fact]
    public void UnansweredLevelsEscalateInOrderThenRepeatThenStop()
    {
        var policy = Policy(levels: 3, repeats: 1);
        var steps = new List<EscalationStep>();
        for (var step = (EscalationStep?)EscalationStep.First; step is not null; step = EscalationPlan.After(policy, step))
        {
            steps.Add(step);
        }

        Assert.Equal(
            [new(0, 0), new(1, 0), new(2, 0), new(0, 1), new(1, 1), new(2, 1)],
            steps);
    }

    [Fact]
    public void IdempotencyKeyNamesIncidentLevelAndRound() =>
        Assert.Equal("checkout-7/L2/R3", new EscalationStep(1, 2).IdempotencyKey("checkout-7"));

    [Fact]
    public void SkipToLevelCountsLevelsFromOneAndKeepsTheRound()
    {
        var policy = Policy(levels: 3, repeats: 2);

        Assert.Equal(new EscalationStep(2, 1), EscalationPlan.SkipTo(policy, new EscalationStep(0, 1), 3));
        var error = Assert.Throws<InvalidRequestException>(() => EscalationPlan.SkipTo(policy, EscalationStep.First, 4));
        Assert.Equal("level", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void PolicyViolationsAreReportedAtOnceWithTheirPaths()
    {
        var policy = new EscalationPolicyDefinition("primary", "", [
            new EscalationLevel([], TimeSpan.FromMinutes(5)),
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Rotation, " ")], TimeSpan.Zero),
        ], Repeats: 11, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(5));

        var error = Assert.Throws<InvalidRequestException>(() => EscalationPlan.Validate("primary", policy));

        Assert.Equal(
            ["name", "levels[0].targets", "levels[1].targets[0].id", "levels[1].acknowledge_within", "repeats"],
            error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void PolicyMustBeStoredUnderItsOwnId()
    {
        var error = Assert.Throws<InvalidRequestException>(() => EscalationPlan.Validate("other", Policy(1, 0)));

        Assert.Equal("id", Assert.Single(error.Violations).Field);
    }
}
