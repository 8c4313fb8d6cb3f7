using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Command;

public sealed class CentralCommandRulesTests
{
    [Fact]
    public void OnlyTheLatestAppliedDecisionsAreKept()
    {
        var state = new IncidentState();
        for (var i = 0; i <= CentralCommandRules.AppliedDecisionsKept; i++)
        {
            CentralCommandRules.Remember(state, $"d{i}");
        }

        Assert.Equal(CentralCommandRules.AppliedDecisionsKept, state.AppliedDecisions.Count);
        Assert.Equal("d1", state.AppliedDecisions[0]);
    }
}
