using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Lifecycle;

public sealed class LifecycleRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EnteringAnAcknowledgedStateAcknowledgesAndSaysWhetherTheResponderWasPaged()
    {
        var state = new IncidentState();
        state.Pages.Add(new PageRecord("k", "ana", 1, 1, null, Now, []));

        var (kind, data) = LifecycleRules.Enter(state, new LifecycleState("investigating", LifecyclePhase.Acknowledged), "new", "ana", Now);

        Assert.Equal(TimelineEntryKind.Acknowledged, kind);
        Assert.Equal(new StateMoved("new", "investigating", ByPagedResponder: true), data);
        Assert.Equal((IncidentStatus.Acknowledged, "ana", "investigating"), (state.Status, state.AcknowledgedBy, state.LifecycleState));
    }

    [Fact]
    public void ResolvingReleasesTheRotationsItWasPagedThroughAndDropsAWaitingHandover()
    {
        var state = new IncidentState { PendingHandover = new PendingHandover("emea", "bo", Now) };
        state.Pages.Add(new PageRecord("k1", "ana", 1, 1, "emea", Now, []));
        state.Pages.Add(new PageRecord("k2", "bo", 1, 1, "emea", Now, []));

        var (kind, data) = LifecycleRules.Enter(state, new LifecycleState("resolved", LifecyclePhase.Resolved), "triggered", "ana", Now);

        Assert.Equal(TimelineEntryKind.Resolved, kind);
        Assert.Equal(["emea"], Assert.IsType<Resolution>(data).ReleasedRotations.ToArray());
        Assert.Null(state.PendingHandover);
    }

    [Fact]
    public void ReopeningByHandWorksTheIncidentAgainAsAPlainMove()
    {
        var state = new IncidentState { Status = IncidentStatus.Resolved, ResolvedAt = Now, ResolvedBy = "ana" };

        var (kind, data) = LifecycleRules.Enter(state, new LifecycleState("acknowledged", LifecyclePhase.Acknowledged), "resolved", "bo", Now);

        Assert.Equal(TimelineEntryKind.StateChanged, kind);
        Assert.Equal(new StateMoved("resolved", "acknowledged", ByPagedResponder: false), data);
        Assert.Equal((IncidentStatus.Acknowledged, (DateTimeOffset?)null), (state.Status, state.ResolvedAt));
        Assert.Equal("Moved (resolved → acknowledged)", LifecycleRules.Describe(kind, "resolved", "acknowledged"));
    }

    [Fact]
    public void ReopeningAnIncidentResolvedBeforeAnyoneAcknowledgedItRecordsWhoTookItBack()
    {
        var unacknowledged = new IncidentState { Status = IncidentStatus.Resolved, ResolvedAt = Now, ResolvedBy = "monitoring" };
        var acknowledged = new IncidentState { Status = IncidentStatus.Resolved, ResolvedAt = Now, ResolvedBy = "ana", AcknowledgedAt = Now.AddHours(-1), AcknowledgedBy = "ana" };

        LifecycleRules.Enter(unacknowledged, new LifecycleState("in progress", LifecyclePhase.Acknowledged), "resolved", "bo", Now);
        LifecycleRules.Enter(acknowledged, new LifecycleState("in progress", LifecyclePhase.Acknowledged), "resolved", "bo", Now);

        Assert.Equal(((DateTimeOffset?)Now, "bo"), (unacknowledged.AcknowledgedAt, unacknowledged.AcknowledgedBy));
        Assert.Equal(((DateTimeOffset?)Now.AddHours(-1), "ana"), (acknowledged.AcknowledgedAt, acknowledged.AcknowledgedBy));
    }
}
