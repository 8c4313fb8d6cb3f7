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
            .Where(i => query.IncludeArchived || i.ArchivedAt is null)
            .Where(i => query.After is null || Compare(i.OpenedAt, i.Id, query.After.OpenedAt, query.After.Id) > 0)
            .Order(NewestFirst)
            .Take(size + 1)
            .ToList();
        var page = matches.Take(size).ToImmutableArray();
        var next = matches.Count > size ? new IncidentCursor(page[^1].OpenedAt, page[^1].Id) : null;
        return new IncidentPage(page, next);
    }

    /// <summary>
    /// Merges pages taken from several indexes with the same query into one page of that query. An
    /// index with more than its page held means more follow, even when the merged page is just full.
    /// </summary>
    public static IncidentPage Merge(IReadOnlyCollection<IncidentPage> pages, IncidentQuery query)
    {
        var merged = Page(pages.SelectMany(p => p.Incidents), query);
        return merged.Next is null && merged.Incidents.Length > 0 && pages.Any(p => p.Next is not null)
            ? merged with { Next = new IncidentCursor(merged.Incidents[^1].OpenedAt, merged.Incidents[^1].Id) }
            : merged;
    }

    private static int Compare(DateTimeOffset openedA, string idA, DateTimeOffset openedB, string idB)
    {
        var byTime = openedB.CompareTo(openedA);
        return byTime != 0 ? byTime : string.CompareOrdinal(idA, idB);
    }
}
