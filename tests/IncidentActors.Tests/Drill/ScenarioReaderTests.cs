extern alias cli;
using cli::IncidentActors.Cli.Drill;
using Xunit;

namespace IncidentActors.Tests.Drill;

public sealed class ScenarioReaderTests
{
    [Theory]
    [InlineData("killed-silo")]
    [InlineData("cascading-outage")]
    [InlineData("lose-region")]
    [InlineData("storage-outage")]
    public void ShippedScenariosAreValid(string name)
    {
        var scenario = ScenarioReader.ReadFile(Scenarios.Shipped(name));

        Assert.Equal(name, scenario.Name);
        Assert.NotEmpty(scenario.Chaos);
        Assert.True(scenario.Expect.NothingLost && scenario.Expect.NobodyPagedTwice && scenario.Expect.MttaUnder is not null);
    }

    [Fact]
    public void ScenarioIsReadWithItsDefaults()
    {
        var scenario = Scenarios.Read(Scenarios.Escalating());

        Assert.Equal(TimeSpan.FromSeconds(40), scenario.Duration);
        Assert.Equal(["emea", "amer"], scenario.Regions);
        Assert.Equal(["db"], scenario.Service("api").DependsOn);
        Assert.False(scenario.Responders.Single(r => r.Id == "sleepy").Answers);
        Assert.Equal((TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4)),
            (scenario.Responders.Single(r => r.Id == "backup").AcknowledgeMin, scenario.Responders.Single(r => r.Id == "backup").AcknowledgeMax));
        Assert.Equal(TimeSpan.FromSeconds(90), scenario.StopWhen.PagesMissingAfter);
        Assert.True(scenario.StopWhen.RealIncident);
    }

    [Fact]
    public void EveryFieldAtFaultIsNamed()
    {
        var yaml = Scenarios.Escalating("""
            chaos:
              - kill_silo: apac-1
                at: 5s
                for: 60s
            """)
            .Replace("service: api", "service: nowhere")
            .Replace("acknowledge_within: 8s", "acknowledge_within: 2s")
            .Replace("duration: 40s", "duration: 40 seconds");

        var error = Assert.Throws<ScenarioException>(() => Scenarios.Read(yaml));

        var fields = error.Errors.Select(e => e.Field).ToList();
        Assert.Contains("duration", fields);
        Assert.Contains("alerts[1].service", fields);
        Assert.Contains("policies[0].levels[0].acknowledge_within", fields);
        Assert.Contains("chaos[0].kill_silo", fields);
        Assert.Contains("alerts[1].service: no service 'nowhere' is defined.", error.Message);
    }

    [Fact]
    public void UnknownKeyIsRefusedWithItsLine()
    {
        var error = Assert.Throws<ScenarioException>(() => Scenarios.Read(Scenarios.Escalating().Replace("never_answers: true", "never_answer: true")));

        var only = Assert.Single(error.Errors);
        Assert.StartsWith("line 16,", only.Field);
        Assert.Contains("never_answer", only.Message);
    }

    [Fact]
    public void ChaosMustBeUndoneWithinTheDrill()
    {
        var error = Assert.Throws<ScenarioException>(() => Scenarios.Read(Scenarios.Escalating("""
            chaos:
              - stop_storage: true
                at: 30s
                for: 20s
            """)));

        Assert.Equal("chaos[0].for", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public void ResponderNeedsADelayOrNeverAnswers()
    {
        var error = Assert.Throws<ScenarioException>(() => Scenarios.Read(Scenarios.Escalating().Replace("acknowledges_after: 1s..4s", "acknowledges_after: 4s..1s")));

        Assert.Equal("responders[1].acknowledges_after", Assert.Single(error.Errors).Field);
    }
}
