using System.Collections.Immutable;
using IncidentActors.Errors;

namespace IncidentActors.Services;

/// <summary>
/// Keyset paging over the catalog in ordinal id order: a page holds the ids strictly after the previous page's last,
/// so pages stay stable while services are registered.
/// </summary>
public static class ServiceDirectoryPaging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <param name="businessUnitByService">Service id → unit, in ordinal id order.</param>
    /// <param name="visible">Whether the caller may see a unit's services; the others are neither listed nor paged over.</param>
    public static ServiceDirectoryPage Page(
        IEnumerable<KeyValuePair<string, string>> businessUnitByService, ServiceListQuery query, Func<string, bool> visible)
    {
        if (query.PageSize is < 0 or > MaxPageSize)
        {
            throw new InvalidRequestException("page_size", $"must be between 1 and {MaxPageSize}, or 0 for {DefaultPageSize}.");
        }
        var size = query.PageSize == 0 ? DefaultPageSize : query.PageSize;
        var matches = businessUnitByService
            .Where(entry => query.After is null || string.CompareOrdinal(entry.Key, query.After) > 0)
            .Where(entry => (query.BusinessUnitId is null || entry.Value == query.BusinessUnitId) && visible(entry.Value))
            .Select(entry => entry.Key)
            .Take(size + 1)
            .ToList();
        var page = matches.Take(size).ToImmutableArray();
        return new ServiceDirectoryPage(page, matches.Count > size ? page[^1] : null);
    }
}
