using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Major;

public sealed class MajorIncidentRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static MajorIncident Declared(params string[] stakeholders) =>
        new(MajorIncidentCriterion.ByHand, "ana", Now, "bridge:checkout-1", ["ana"], [.. stakeholders], null, [], null, null);

    [Fact]
    public void TheBridgeOpensWithThePeopleOnTheIncidentAndNoIntegrations()
    {
        var state = new IncidentState { AcknowledgedBy = "bo" };
        state.Roles.Add(new RoleAssignment(IncidentRole.Commander, "ana", Now, "ana"));

        Assert.Equal(["ana", "bo", "cy"], MajorIncidents.Participants(state, "cy").ToArray());
        Assert.Equal(["ana", "bo"], MajorIncidents.Participants(state, "integration:pagerduty").ToArray());
    }

    [Fact]
    public void AResolvedIncidentIsNotDeclaredMajorAndAMajorOneIsNotDeclaredTwice()
    {
        Assert.True(MajorIncidents.MayDeclare("checkout-1", new IncidentState()));
        Assert.False(MajorIncidents.MayDeclare("checkout-1", new IncidentState { Major = Declared() }));
        Assert.Throws<IllegalTransitionException>(() => MajorIncidents.MayDeclare("checkout-1", new IncidentState { Status = IncidentStatus.Resolved }));
    }

    [Fact]
    public void OnlyAnAssessmentToSev1OfAnOpenIncidentDeclaresIt()
    {
        Assert.True(MajorIncidents.DeclaredByAssessment(new IncidentState(), IncidentSeverity.Sev1));
        Assert.False(MajorIncidents.DeclaredByAssessment(new IncidentState(), IncidentSeverity.Sev2));
        Assert.False(MajorIncidents.DeclaredByAssessment(new IncidentState { Status = IncidentStatus.Resolved }, IncidentSeverity.Sev1));
    }

    [Fact]
    public void StandingDownWaitsForResolveRestorationAndEveryStakeholder()
    {
        var major = Declared("dee", "eli") with { Confirmations = [new StakeholderConfirmation("dee", Now)] };

        Assert.Equal(
            ["the incident is not resolved", "restoration is not verified (a health check or user confirmation)", "not confirmed by eli"],
            MajorIncidents.MissingForDeescalation(new IncidentState(), major));
    }

    [Fact]
    public void OnlyANotifiedStakeholderConfirmsAVerifiedRestorationAndOnce()
    {
        var restored = new IncidentState { Restoration = new RestorationVerification(RestorationEvidence.HealthCheck, "green", "ana", Now) };
        var major = Declared("dee") with { Confirmations = [new StakeholderConfirmation("dee", Now)] };

        Assert.Throws<IllegalTransitionException>(() => MajorIncidents.MayConfirm("checkout-1", new IncidentState(), Declared("dee"), "dee"));
        Assert.Throws<IllegalTransitionException>(() => MajorIncidents.MayConfirm("checkout-1", restored, Declared("dee"), "eli"));
        Assert.True(MajorIncidents.MayConfirm("checkout-1", restored, Declared("dee"), "dee"));
        Assert.False(MajorIncidents.MayConfirm("checkout-1", restored, major, "dee"));
    }
}
