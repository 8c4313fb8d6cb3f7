extern alias cli;
using cli::IncidentActors.Cli.Drill;
using Xunit;

namespace IncidentActors.Tests.Drill;

public sealed class DrillPlannerTests
{
    [Fact]
    public void SameSeedGivesTheSamePlanLineByLine()
    {
        var scenario = ScenarioReader.ReadFile(Scenarios.Shipped("cascading-outage"));

        Assert.Equal(DrillPlanner.Plan(scenario, 42).Lines(), DrillPlanner.Plan(scenario, 42).Lines());
    }

    [Fact]
    public void AnotherSeedMovesTheJitterAndTheAnswers()
    {
        var scenario = ScenarioReader.ReadFile(Scenarios.Shipped("cascading-outage"));

        Assert.NotEqual(DrillPlanner.Plan(scenario, 1).Lines(), DrillPlanner.Plan(scenario, 2).Lines());
    }

    [Fact]
    public void UnansweredLevelPagesTheNextAndItsResponderAcknowledges()
    {
        var plan = DrillPlanner.Plan(Scenarios.Read(Scenarios.Escalating()), 7);

        var opened = plan.Alerts.Single(a => a.Alert.Name == "db-down");
        var pages = plan.Pages.Where(p => p.Alert == "db-down").ToList();
        Assert.Equal([("sleepy", "L1/R1"), ("backup", "L2/R1")], pages.Select(p => (p.Responder, p.Step)));
        Assert.Equal(opened.At + TimeSpan.FromSeconds(8), pages[1].At);
        var acknowledgement = plan.Answers.Single(a => a.Alert == "db-down" && a.At is not null);
        Assert.Equal("backup", acknowledgement.Responder);
        Assert.InRange(acknowledgement.At!.Value - pages[1].At, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
    }

    [Fact]
    public void AlertOfADependantOfAnOpenIncidentIsASymptomAndPagesNobody()
    {
        var plan = DrillPlanner.Plan(Scenarios.Read(Scenarios.Escalating()), 7);

        var symptom = plan.Alerts.Single(a => a.Alert.Name == "api-errors");
        Assert.False(symptom.OpensIncident);
        Assert.Equal("db-down", symptom.SymptomOf);
        Assert.DoesNotContain(plan.Pages, p => p.Alert == "api-errors");
    }

    [Fact]
    public void FollowTheSunBoundaryHandsTheIncidentToTheIncomingResponder()
    {
        var plan = DrillPlanner.Plan(ScenarioReader.ReadFile(Scenarios.Shipped("cascading-outage")), 1);

        var handover = Assert.Single(plan.Pages, p => p.HandoverRotation is not null);
        Assert.Equal(("db-down", "amer-oncall", TimeSpan.FromMinutes(2)), (handover.Alert, handover.Responder, handover.At));
        Assert.Contains(plan.Pages, p => p.Alert == "search-slow" && p.Responder == "amer-oncall" && p.Step == "L1/R1");
        Assert.Contains(plan.Pages, p => p.Alert == "db-down" && p.Responder == "emea-oncall" && p.Step == "L1/R1");
    }
}
