using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Services;
using IncidentActors.StatusPages;
using Xunit;
using static IncidentActors.Tests.StatusPages.StatusFixtures;

namespace IncidentActors.Tests.StatusPages;

public sealed class StatusPageContentsTests
{
    private static readonly StatusComponent[] Components = [new("checkout", "Checkout"), new("search", "Search")];

    private static StatusBoard MixedBoard() => Board(
        Change(Summary("announced"), 4,
            Update(2, 1, UpdateAudience.Responders, "Internal: db-7 disk", "Host 10.0.0.7 is full."),
            Update(4, 2, UpdateAudience.Customers, "Checkout unavailable", "Customers cannot pay.")),
        Change(Summary("silent", service: "search", severity: IncidentSeverity.Sev2), 2, Update(2, 1, UpdateAudience.Executives, "Search down", "Exec only.")),
        Change(Summary("drill", drill: true), 2, Update(2, 1, UpdateAudience.Public, "Drill", "Practice.")),
        Change(Summary("secret", restrictedTo: ["security"]), 2, Update(2, 1, UpdateAudience.Public, "Secret", "Restricted.")),
        Change(Summary("past", service: "search", resolved: true), 3, Update(3, 1, UpdateAudience.Public, "Search was slow", "Fixed.")));

    [Fact]
    public void PublicPageShowsOnlyAnnouncedIncidentsWithTheirExternalUpdates()
    {
        var content = StatusPageContents.Build(Page(StatusPageVisibility.Public, Components), MixedBoard(), Components, [], T0.AddHours(1));

        var active = Assert.Single(content.Active);
        Assert.Equal(("announced", "Checkout unavailable"), (active.Id, active.Title));
        Assert.Equal(["Customers cannot pay."], active.Updates.Select(u => u.Body));
        Assert.Equal(["past"], content.History.Select(i => i.Id));
        // The unannounced SEV2 on search is not shown, so search looks operational to the public.
        Assert.Equal([ComponentState.MajorOutage, ComponentState.Operational], content.Components.Select(c => c.State));
    }

    [Fact]
    public void InternalPageShowsEveryIncidentAndUpdateButStatusIgnoresDrillsAndRestrictedOnes()
    {
        var content = StatusPageContents.Build(Page(StatusPageVisibility.Internal, Components), MixedBoard(), Components, [], T0.AddHours(1));

        Assert.Equal(["announced", "drill", "secret", "silent"], content.Active.Select(i => i.Id).Order());
        Assert.Equal(2, content.Active.Single(i => i.Id == "announced").Updates.Length);
        Assert.Equal("db-7 disk full on host 10.0.0.7", content.Active.Single(i => i.Id == "announced").Title);
        Assert.Equal([ComponentState.MajorOutage, ComponentState.PartialOutage], content.Components.Select(c => c.State));
    }

    [Theory]
    [InlineData(IncidentSeverity.Sev1, ComponentState.MajorOutage)]
    [InlineData(IncidentSeverity.Sev2, ComponentState.PartialOutage)]
    [InlineData(IncidentSeverity.Sev3, ComponentState.DegradedPerformance)]
    [InlineData(IncidentSeverity.Sev4, ComponentState.DegradedPerformance)]
    public void SeverityDecidesTheComponentsImpact(IncidentSeverity severity, ComponentState expected) =>
        Assert.Equal(expected, StatusPageContents.ImpactOf(severity));

    [Fact]
    public void MaintenanceShowsRunningAndComingWindowsWithTheReasonOnInternalPagesOnly()
    {
        var now = T0.AddHours(1);
        (string, MaintenanceWindow)[] windows =
        [
            ("search", new MaintenanceWindow("w-now", now.AddMinutes(-10), now.AddMinutes(50), "Reindex on es-3", "ada")),
            ("checkout", new MaintenanceWindow("w-later", now.AddDays(1), now.AddDays(1).AddHours(1), "PSP upgrade", "ada")),
            ("checkout", new MaintenanceWindow("w-done", now.AddHours(-3), now.AddHours(-2), "Old", "ada")),
        ];
        var board = Board();

        var shown = StatusPageContents.Build(Page(StatusPageVisibility.Public, Components), board, Components, windows, now);
        var inside = StatusPageContents.Build(Page(StatusPageVisibility.Internal, Components), board, Components, windows, now);

        Assert.Equal([("w-now", true, ""), ("w-later", false, "")], shown.Maintenance.Select(m => (m.Id, m.InProgress, m.Reason)));
        Assert.Equal(["Reindex on es-3", "PSP upgrade"], inside.Maintenance.Select(m => m.Reason));
        Assert.Equal([ComponentState.Operational, ComponentState.UnderMaintenance], shown.Components.Select(c => c.State));
        Assert.NotEqual(shown.Version, StatusPageContents.Build(Page(StatusPageVisibility.Public, Components), board, Components, windows[1..], now).Version);
    }
}
