using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>
/// Keyset paging over incident summaries, newest first, ties broken by id. A page holds the
/// incidents strictly after the cursor, so pages stay stable while new incidents open.
/// </summary>
public static class IncidentPaging
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    public static readonly IComparer<IncidentSummary> NewestFirst = Comparer<IncidentSummary>.Create(
        (a, b) => Compare(a.OpenedAt, a.Id, b.OpenedAt, b.Id));

    public static IncidentPage Page(IEnumerable<IncidentSummary> incidents, IncidentQuery query)
    {
        var size = query.PageSize <= 0 ? DefaultPageSize : Math.Min(query.PageSize, MaxPageSize);
        var matches = incidents
            .Where(i => query.ServiceId is null || i.ServiceId == query.ServiceId)
            .Where(i => query.Status is null || i.Status == query.Status)
            .Where(i => query.After is null || Compare(i.OpenedAt, i.Id, query.After.OpenedAt, query.After.Id) > 0)
            .Order(NewestFirst)
            .Take(size + 1)
            .ToList();
        var page = matches.Take(size).ToImmutableArray();
        var next = matches.Count > size ? new IncidentCursor(page[^1].OpenedAt, page[^1].Id) : null;
        return new IncidentPage(page, next);
    }

    /// <summary>Merges pages taken from several indexes with the same query into one page of that query.</summary>
    public static IncidentPage Merge(IEnumerable<IncidentPage> pages, IncidentQuery query) =>
        Page(pages.SelectMany(p => p.Incidents), query);

    private static int Compare(DateTimeOffset openedA, string idA, DateTimeOffset openedB, string idB)
    {
        var byTime = openedB.CompareTo(openedA);
        return byTime != 0 ? byTime : string.CompareOrdinal(idA, idB);
    }
}
