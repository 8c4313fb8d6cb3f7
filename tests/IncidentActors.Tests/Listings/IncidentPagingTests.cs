using IncidentActors.Alerts;
using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Listings;

public sealed class IncidentPagingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    private static IncidentSummary Summary(int n, string service = "checkout", IncidentStatus status = IncidentStatus.Triggered, int minute = -1) =>
        new($"inc-{n:D3}", service, "retail", $"Incident {n}", status, AlertSeverity.Error,
            Start.AddMinutes(minute < 0 ? n : minute), Start.AddMinutes(n), 1, 1);

    [Fact]
    public void PagesWalkEveryIncidentNewestFirstExactlyOnce()
    {
        var incidents = Enumerable.Range(0, 23).Select(n => Summary(n, minute: n / 3)).ToList();
        var seen = new List<string>();
        IncidentCursor? after = null;
        do
        {
            var page = IncidentPaging.Page(incidents, new IncidentQuery(null, null, 5, after));
            seen.AddRange(page.Incidents.Select(i => i.Id));
            after = page.Next;
        }
        while (after is not null);

        var expected = incidents.Order(IncidentPaging.NewestFirst).Select(i => i.Id).ToList();
        Assert.Equal(expected, seen);
        Assert.Equal(23, seen.Distinct().Count());
    }

    [Fact]
    public void IncidentsOpenedAfterTheFirstPageDoNotShiftLaterPages()
    {
        var incidents = Enumerable.Range(0, 10).Select(n => Summary(n)).ToList();
        var first = IncidentPaging.Page(incidents, new IncidentQuery(null, null, 4, null));
        incidents.Add(Summary(99));

        var second = IncidentPaging.Page(incidents, new IncidentQuery(null, null, 4, first.Next));

        Assert.Equal(["inc-005", "inc-004", "inc-003", "inc-002"], second.Incidents.Select(i => i.Id));
    }

    [Fact]
    public void FiltersByServiceAndStatus()
    {
        var incidents = new[]
        {
            Summary(1, "checkout", IncidentStatus.Resolved),
            Summary(2, "checkout", IncidentStatus.Triggered),
            Summary(3, "billing", IncidentStatus.Triggered),
        };

        var page = IncidentPaging.Page(incidents, new IncidentQuery("checkout", IncidentStatus.Triggered, 10, null));

        Assert.Equal("inc-002", Assert.Single(page.Incidents).Id);
        Assert.Null(page.Next);
    }

    [Fact]
    public void MergedPagesOfSeveralUnitsFormOnePage()
    {
        var unitA = Enumerable.Range(0, 6).Where(n => n % 2 == 0).Select(n => Summary(n)).ToList();
        var unitB = Enumerable.Range(0, 6).Where(n => n % 2 == 1).Select(n => Summary(n)).ToList();
        var query = new IncidentQuery(null, null, 3, null);

        var merged = IncidentPaging.Merge([IncidentPaging.Page(unitA, query), IncidentPaging.Page(unitB, query)], query);

        Assert.Equal(["inc-005", "inc-004", "inc-003"], merged.Incidents.Select(i => i.Id));
        Assert.NotNull(merged.Next);
    }

    [Fact]
    public void AMergedPageThatIsJustFullStillLeadsOnWhenAnIndexHadMore()
    {
        var full = Enumerable.Range(0, 5).Select(n => Summary(n)).ToList();
        var query = new IncidentQuery(null, null, 3, null);

        var merged = IncidentPaging.Merge([IncidentPaging.Page(full, query), IncidentPaging.Page([], query)], query);
        var rest = IncidentPaging.Merge([IncidentPaging.Page(full, query with { After = merged.Next })], query with { After = merged.Next });

        Assert.Equal(["inc-004", "inc-003", "inc-002"], merged.Incidents.Select(i => i.Id));
        Assert.Equal(["inc-001", "inc-000"], rest.Incidents.Select(i => i.Id));
        Assert.Null(rest.Next);
    }

    [Fact]
    public void PageSizeIsCappedAndDefaulted()
    {
        var incidents = Enumerable.Range(0, 600).Select(n => Summary(n)).ToList();

        Assert.Equal(IncidentPaging.DefaultPageSize, IncidentPaging.Page(incidents, new IncidentQuery(null, null, 0, null)).Incidents.Length);
        Assert.Equal(IncidentPaging.MaxPageSize, IncidentPaging.Page(incidents, new IncidentQuery(null, null, 10_000, null)).Incidents.Length);
    }
}
