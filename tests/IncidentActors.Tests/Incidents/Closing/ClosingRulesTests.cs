using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Closing;

public sealed class ClosingRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void AnIncidentWithNothingRecordedNamesEverythingItLacks()
    {
        var missing = ClosingRules.Missing(new IncidentState(), IncidentSeverity.Sev1, ["problem record 'PRB-1'"]);

        Assert.Equal(
        [
            "the resolution is not recorded (actions taken, tools used, configuration changes)",
            "restoration is not verified (a health check or user confirmation)",
            "it is high-risk and needs a second person's review of the resolution",
            "linked items are open: problem record 'PRB-1'",
        ], missing);
    }

    [Fact]
    public void ALowSeverityIncidentRecordedAndRestoredMayCloseWithoutAReview()
    {
        var state = new IncidentState
        {
            ResolutionNotes = new ResolutionNotes("restarted", "kubectl", "none", "ana", Now),
            Restoration = new RestorationVerification(RestorationEvidence.HealthCheck, "green", "ana", Now),
        };

        Assert.Empty(ClosingRules.Missing(state, IncidentSeverity.Sev3, []));
    }

    [Fact]
    public void ARegulatoryTagMakesAnIncidentHighRisk()
    {
        Assert.False(ClosingRules.HighRisk(new IncidentState(), IncidentSeverity.Sev3));
        Assert.True(ClosingRules.HighRisk(new IncidentState { RegulatoryTags = ["gdpr"] }, IncidentSeverity.Sev3));
        Assert.True(ClosingRules.HighRisk(new IncidentState(), IncidentSeverity.Sev2));
    }

    [Fact]
    public void WhoeverWroteTheNotesCannotReviewThem()
    {
        var notes = new ResolutionNotes("restarted", "kubectl", "none", "ana", Now);

        Assert.Throws<IllegalTransitionException>(() => ClosingRules.EnsureMayReview("checkout-1", notes, "ana"));
        Assert.Throws<IllegalTransitionException>(() => ClosingRules.EnsureMayReview("checkout-1", null, "bo"));
        ClosingRules.EnsureMayReview("checkout-1", notes, "bo");
    }

    [Fact]
    public void EmptyResolutionFieldsAreEachReported()
    {
        var error = Assert.Throws<InvalidRequestException>(() => ClosingRules.ValidateResolution("", "kubectl", ""));

        Assert.Equal(["actions_taken", "configuration_changes"], error.Violations.Select(v => v.Field));
    }
}
