using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents;

public sealed class IncidentDeadlineTests
{
    public static TheoryData<string, IncidentDeadline> StoredNames => new()
    {
        { "escalation", EscalationDeadline.Instance },
        { "handover", HandoverDeadline.Instance },
        { "events", EventsDeadline.Instance },
        { "duty:Commander", new DutyDeadline(ResponseDuty.Commander) },
        { "duty:ImpactAssessment", new DutyDeadline(ResponseDuty.ImpactAssessment) },
        { "temporary-fix:12", new TemporaryFixDeadline(12) },
        { "vendor:acme-cloud", new VendorDeadline("acme-cloud") },
        { "regulatory-clock:3", new RegulatoryClockDeadline(3) },
    };

    [Theory]
    [MemberData(nameof(StoredNames))]
    public void NamesArmedBeforeKindsWereTypedParseToTheirKind(string stored, IncidentDeadline kind) =>
        Assert.Equal(kind, IncidentDeadline.Parse(stored));

    [Theory]
    [MemberData(nameof(StoredNames))]
    public void EveryKindIsStoredUnderItsFormerName(string stored, IncidentDeadline kind) =>
        Assert.Equal(stored, kind.Name);

    [Theory]
    [InlineData("grouping")]
    [InlineData("deliver:checkout-1/L1/R1")]
    [InlineData("duty:")]
    [InlineData("duty:1")]
    [InlineData("duty:Nobody")]
    [InlineData("temporary-fix:01")]
    [InlineData("temporary-fix:x")]
    [InlineData("Escalation")]
    [InlineData("regulatory-clock:03")]
    [InlineData("regulatory-clock:gdpr")]
    public void NamesNoIncidentArmsAreNoKind(string stored) => Assert.Null(IncidentDeadline.Parse(stored));
}
