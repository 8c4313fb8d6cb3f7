using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents.Links;

public sealed class LinkedItemsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static IncidentSummary Child(string id, IncidentStatus status) =>
        new(id, "checkout", "retail", id, status, AlertSeverity.Error, Now, Now, 1, 1);

    [Fact]
    public void OpenItemsAreUnresolvedChildrenAndRecordsNotDone()
    {
        LinkedItem[] items =
        [
            new(LinkedItemKind.ChildIncident, "c-1", "c-1", "ana", Now, null, null),
            new(LinkedItemKind.ProblemRecord, "PRB-1", "PRB-1", "ana", Now, null, null),
            new(LinkedItemKind.ChangeRequest, "CHG-1", "CHG-1", "ana", Now, "ana", Now),
        ];

        Assert.Equal(["child incident 'c-2' (acknowledged)", "problem record 'PRB-1'"],
            LinkedItems.Open(items, [Child("c-1", IncidentStatus.Resolved), Child("c-2", IncidentStatus.Acknowledged)]));
    }

    [Fact]
    public void AnIncidentCannotBeItsOwnChild()
    {
        var error = Assert.Throws<InvalidRequestException>(() => LinkedItems.ValidateLink("checkout-1", LinkedItemKind.ChildIncident, "checkout-1", null));

        Assert.Equal("reference", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void AnUnknownKindAndAMissingReferenceAreBothReported()
    {
        var error = Assert.Throws<InvalidRequestException>(() => LinkedItems.Validate((LinkedItemKind)9, ""));

        Assert.Equal(["kind", "reference"], error.Violations.Select(v => v.Field));
    }
}
