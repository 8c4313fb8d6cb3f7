using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Errors;
using Xunit;

namespace IncidentActors.Tests.BusinessUnits;

public sealed class BusinessUnitPolicyTests
{
    [Theory]
    [InlineData("new", "assigned", true)]
    [InlineData("assigned", "in progress", true)]
    [InlineData("in progress", "resolved", true)]
    [InlineData("resolved", "in progress", true)]
    [InlineData("resolved", "closed", true)]
    [InlineData("new", "closed", false)]
    [InlineData("new", "in progress", false)]
    [InlineData("closed", "in progress", false)]
    public void ItilModelAllowsOnlyItsTransitions(string from, string to, bool allowed) =>
        Assert.Equal(allowed, BusinessUnitDefaults.Itil.Allows(from, to));

    [Theory]
    [InlineData("triggered", "acknowledged", true)]
    [InlineData("acknowledged", "mitigated", true)]
    [InlineData("mitigated", "resolved", true)]
    [InlineData("resolved", "reviewed", true)]
    [InlineData("triggered", "mitigated", false)]
    [InlineData("triggered", "reviewed", false)]
    [InlineData("reviewed", "resolved", false)]
    public void SreModelAllowsOnlyItsTransitions(string from, string to, bool allowed) =>
        Assert.Equal(allowed, BusinessUnitDefaults.Sre.Allows(from, to));

    [Fact]
    public void BothStandardModelsAreValid()
    {
        BusinessUnitValidator.Validate("retail", Unit(BusinessUnitDefaults.Itil));
        BusinessUnitValidator.Validate("retail", Unit(BusinessUnitDefaults.Sre));
    }

    [Fact]
    public void AcknowledgingAndResolvingFindTheModelsOwnStates()
    {
        Assert.Equal("assigned", BusinessUnitDefaults.Itil.NextIn("new", LifecyclePhase.Acknowledged)!.Name);
        Assert.Equal("resolved", BusinessUnitDefaults.Itil.NextIn("in progress", LifecyclePhase.Resolved)!.Name);
        Assert.Equal("acknowledged", BusinessUnitDefaults.Sre.NextIn("triggered", LifecyclePhase.Acknowledged)!.Name);
        Assert.Null(BusinessUnitDefaults.Sre.NextIn("resolved", LifecyclePhase.Acknowledged));
    }

    [Fact]
    public void CustomModelThatStrandsIncidentsIsRejectedWithEveryReason()
    {
        var model = new LifecycleModel("custom",
        [
            new("open", LifecyclePhase.Open),
            new("working", LifecyclePhase.Acknowledged),
            new("done", LifecyclePhase.Closed),
            new("working", LifecyclePhase.Mitigated),
        ],
        [
            new("open", "working"),
            new("working", "done"),
            new("done", "open"),
            new("open", "nowhere"),
        ]);

        var error = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("retail", Unit(model)));

        var reasons = error.Violations.Select(v => v.Field + ": " + v.Description).ToList();
        Assert.Contains(reasons, r => r.Contains("'working' is declared 2 times"));
        Assert.Contains(reasons, r => r.StartsWith("lifecycle.transitions[3].to") && r.Contains("'nowhere'"));
        Assert.Contains(reasons, r => r.StartsWith("lifecycle.transitions[2]") && r.Contains("closed"));
        Assert.Contains(reasons, r => r.Contains("'open' needs a transition to a resolved state"));
        Assert.Contains(reasons, r => r.StartsWith("lifecycle.transitions[1]") && r.Contains("only from a resolved state"));
    }

    [Fact]
    public void ModelMustStartOpenAndLetIncidentsBeAcknowledged()
    {
        var model = new LifecycleModel("backwards",
        [
            new("fixed", LifecyclePhase.Resolved),
            new("broken", LifecyclePhase.Open),
        ],
        [new("broken", "fixed")]);

        var error = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("retail", Unit(model)));

        Assert.Contains(error.Violations, v => v.Field == "lifecycle.states[0]");
        Assert.Contains(error.Violations, v => v.Description.Contains("acknowledging is what stops escalation"));
    }

    [Fact]
    public void PublicStatusFollowsThePhaseUnlessTheStateNamesIt()
    {
        var model = new LifecycleModel("comms",
        [
            new("new", LifecyclePhase.Open),
            new("triaged", LifecyclePhase.Acknowledged),
            new("cause found", LifecyclePhase.Acknowledged, PublicStatus: PublicStatus.Identified),
            new("fix deployed", LifecyclePhase.Mitigated),
            new("fixed", LifecyclePhase.Resolved),
        ],
        [new("new", "triaged"), new("triaged", "cause found"), new("cause found", "fix deployed"), new("fix deployed", "fixed"), new("new", "fixed"),
            new("triaged", "fixed"), new("cause found", "fixed")]);

        BusinessUnitValidator.Validate("retail", Unit(model));
        Assert.Equal([PublicStatus.Investigating, PublicStatus.Investigating, PublicStatus.Identified, PublicStatus.Monitoring, PublicStatus.Resolved],
            model.States.Select(s => s.Public));
    }

    [Theory]
    [InlineData(LifecyclePhase.Mitigated, PublicStatus.Resolved)]
    [InlineData(LifecyclePhase.Resolved, PublicStatus.Monitoring)]
    [InlineData(LifecyclePhase.Closed, PublicStatus.Investigating)]
    [InlineData(LifecyclePhase.Acknowledged, (PublicStatus)9)]
    public void PublicStatusThatContradictsThePhaseIsRejected(LifecyclePhase phase, PublicStatus shown)
    {
        var model = new LifecycleModel("comms",
            [new("new", LifecyclePhase.Open), new("working", LifecyclePhase.Acknowledged), new("odd", phase, PublicStatus: shown), new("fixed", LifecyclePhase.Resolved)],
            [new("new", "working"), new("working", "fixed"), new("new", "fixed"), new("fixed", "odd"), new("odd", "fixed")]);

        var error = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("retail", Unit(model)));

        Assert.Contains(error.Violations, v => v.Field == "lifecycle.states[2].public_status");
    }

    [Theory]
    [InlineData(BusinessImpact.Extensive, Urgency.Critical, IncidentSeverity.Sev1)]
    [InlineData(BusinessImpact.Significant, Urgency.High, IncidentSeverity.Sev2)]
    [InlineData(BusinessImpact.Moderate, Urgency.Medium, IncidentSeverity.Sev3)]
    [InlineData(BusinessImpact.Minor, Urgency.Low, IncidentSeverity.Sev4)]
    [InlineData(BusinessImpact.Minor, Urgency.Critical, IncidentSeverity.Sev3)]
    [InlineData(BusinessImpact.Extensive, Urgency.Low, IncidentSeverity.Sev3)]
    public void StandardMatrixClassifiesByImpactAndUrgency(BusinessImpact impact, Urgency urgency, IncidentSeverity expected) =>
        Assert.Equal(expected, BusinessUnitDefaults.StandardMatrix.Classify(impact, urgency));

    [Fact]
    public void MatrixWhoseSeverityRisesAsImpactNarrowsIsRejected()
    {
        var rows = BusinessUnitDefaults.StandardMatrix.Rows.ToBuilder();
        rows[3] = [IncidentSeverity.Sev1, IncidentSeverity.Sev3, IncidentSeverity.Sev4, IncidentSeverity.Sev4];

        var error = Assert.Throws<InvalidRequestException>(() =>
            BusinessUnitValidator.Validate("retail", Unit(BusinessUnitDefaults.Sre) with { Severity = new SeverityMatrix(rows.ToImmutable()) }));

        Assert.Equal("severity_matrix[3][0]", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void MatrixOfTheWrongShapeIsRejected()
    {
        var error = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("retail",
            Unit(BusinessUnitDefaults.Sre) with { Severity = new SeverityMatrix([[IncidentSeverity.Sev1]]) }));

        Assert.Equal("severity_matrix", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void RegulatoryTagNeedsStakeholdersAndUniqueNames()
    {
        var error = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("retail",
            Unit(BusinessUnitDefaults.Sre) with
            {
                RegulatoryTags = [new("gdpr", ["dpo"]), new("gdpr", ["legal"]), new("sox", [])],
            }));

        Assert.Contains(error.Violations, v => v.Field == "regulatory_tags" && v.Description.Contains("'gdpr'"));
        Assert.Contains(error.Violations, v => v.Field == "regulatory_tags[2].stakeholders");
    }

    private static BusinessUnitDefinition Unit(LifecycleModel model) =>
        new("retail", "Retail", "emea", model, BusinessUnitDefaults.StandardMatrix, ImmutableArray<RegulatoryTag>.Empty);
}
