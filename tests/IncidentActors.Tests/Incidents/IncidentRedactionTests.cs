using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents;

public sealed class IncidentRedactionTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ARedactedExportNamesNoPersonAnywhereAndKeepsTheSystemsActors()
    {
        var state = Incident();

        var export = IncidentRedaction.Export("checkout-1", state, redacted: true);

        Assert.Equal("Checkout down since person 1's deploy", export.Title);
        Assert.Equal(["integration:grpc", "person 1", "clock", "person 2"], export.Timeline.Select(e => e.Actor));
        Assert.Equal(["Opened", "person 1 took it", "Escalated: paged person 3", "Resolved; person 4 and person 2 rolled back, person 5 told"],
            export.Timeline.Select(e => e.Message));
        Assert.Equal(5, export.PeopleReplaced);
        Assert.True(export.Redacted);
    }

    [Theory]
    [InlineData("retention")]
    [InlineData("reviews")]
    [InlineData("policy")]
    public void TheSystemsOwnActorsAreNoPeople(string actor) => Assert.False(IncidentRedaction.IsPerson(actor));

    [Fact]
    public void AWholeExportKeepsEveryName()
    {
        var export = IncidentRedaction.Export("checkout-1", Incident(), redacted: false);

        Assert.Equal("alice took it", export.Timeline[1].Message);
        Assert.Equal((false, 0), (export.Redacted, export.PeopleReplaced));
    }

    private static IncidentState Incident() => new()
    {
        ServiceId = "checkout", BusinessUnitId = "retail", Title = "Checkout down since alice's deploy", Source = "prometheus", OpenedAt = At,
        Status = IncidentStatus.Resolved, AcknowledgedBy = "alice", ResolvedBy = "anna",
        Timeline =
        [
            new(1, At, "integration:grpc", TimelineEntryKind.Opened, "Opened", "", ""),
            new(2, At, "alice", TimelineEntryKind.Acknowledged, "alice took it", "", ""),
            new(3, At, "clock", TimelineEntryKind.Escalated, "Escalated: paged bob", "", ""),
            new(4, At, "anna", TimelineEntryKind.Resolved, "Resolved; ann and anna rolled back, dave told", "", ""),
        ],
        Pages = [new PageRecord("checkout-1/L2/R1", "bob", 2, 1, null, At, [])],
        Roles = [new RoleAssignment(IncidentRole.Commander, "ann", At, "alice")],
        Stakeholders = ["dave"],
    };
}
