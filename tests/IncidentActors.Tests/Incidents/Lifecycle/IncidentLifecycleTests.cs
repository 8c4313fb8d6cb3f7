using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Lifecycle;

public sealed class IncidentLifecycleTests
{
    [Fact]
    public void TriggeredIncidentCanBeAcknowledged() => Assert.True(IncidentLifecycle.Acknowledge("i", IncidentStatus.Triggered));

    [Fact]
    public void RepeatedAcknowledgementChangesNothing() => Assert.False(IncidentLifecycle.Acknowledge("i", IncidentStatus.Acknowledged));

    [Fact]
    public void ResolvedIncidentCannotBeAcknowledged()
    {
        var error = Assert.Throws<IllegalTransitionException>(() => IncidentLifecycle.Acknowledge("checkout-1", IncidentStatus.Resolved));

        Assert.Contains("checkout-1", error.Message);
    }

    [Theory]
    [InlineData(IncidentStatus.Triggered, true)]
    [InlineData(IncidentStatus.Acknowledged, true)]
    [InlineData(IncidentStatus.Resolved, false)]
    public void ResolvingChangesEveryIncidentNotYetResolved(IncidentStatus current, bool changes) =>
        Assert.Equal(changes, IncidentLifecycle.Resolve(current));

    [Fact]
    public void ResolvedIncidentRefusesTriggers()
    {
        Assert.False(IncidentLifecycle.AcceptsTriggers(IncidentStatus.Resolved));
        Assert.True(IncidentLifecycle.AcceptsTriggers(IncidentStatus.Acknowledged));
    }
}
