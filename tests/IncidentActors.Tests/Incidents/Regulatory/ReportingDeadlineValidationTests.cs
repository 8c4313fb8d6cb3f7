using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using Xunit;

namespace IncidentActors.Tests.Incidents.Regulatory;

/// <summary>A tag's reporting deadlines are refused naming the field when they cannot be kept.</summary>
public sealed class ReportingDeadlineValidationTests
{
    [Fact]
    public void DeadlineWithADurationOrBusinessDaysAndOwnersIsAccepted() =>
        BusinessUnitValidator.Validate("bank", Unit(
            new ReportingDeadline("early-warning", TimeSpan.FromHours(24), null, ClockTrigger.TagApplied, ["carol"]),
            new ReportingDeadline("notification", null, 4, ClockTrigger.MajorDeclared, ["carol", "dave"])));

    [Fact]
    public void DeadlineRefusedForBothWindowsNoOwnersAnUnknownZoneOrATwiceUsedName()
    {
        var unit = BusinessUnitDefaults.For("bank") with
        {
            HomeRegion = "emea",
            RegulatoryTags = [new RegulatoryTag("dora", ["dpo"], [
                new ReportingDeadline("early-warning", TimeSpan.FromHours(24), 4, ClockTrigger.TagApplied, ["carol"]),
                new ReportingDeadline("early-warning", null, 0, (ClockTrigger)7, []),
            ], "Mars/Olympus")],
        };

        var refused = Assert.Throws<InvalidRequestException>(() => BusinessUnitValidator.Validate("bank", unit));

        Assert.Equal(
        [
            "regulatory_tags[0].time_zone", "regulatory_tags[0].deadlines[0].within", "regulatory_tags[0].deadlines[1].business_days",
            "regulatory_tags[0].deadlines[1].starts_on", "regulatory_tags[0].deadlines[1].owners", "regulatory_tags[0].deadlines",
        ], refused.Violations.Select(v => v.Field));
    }

    private static BusinessUnitDefinition Unit(params ReportingDeadline[] deadlines) =>
        BusinessUnitDefaults.For("bank") with { HomeRegion = "emea", RegulatoryTags = [new RegulatoryTag("dora", ["dpo"], [.. deadlines], "Europe/Berlin")] };
}
