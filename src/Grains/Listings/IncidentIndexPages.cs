namespace IncidentActors.Incidents;

/// <summary>How index pages are named and found.</summary>
public static class IncidentIndexPages
{
    /// <summary>About this many incidents per page; a page may hold a few more after its unit's pages grain restarted.</summary>
    public const int Capacity = 512;
    public const char Separator = '/';

    public static IIncidentIndexGrain Page(IGrainFactory grains, string businessUnitId, int page) =>
        grains.GetGrain<IIncidentIndexGrain>($"{businessUnitId}{Separator}{page}");

    public static async Task<IEnumerable<IIncidentIndexGrain>> AllAsync(IGrainFactory grains, string businessUnitId, CancellationToken cancellationToken)
    {
        var count = await grains.GetGrain<IIncidentIndexPagesGrain>(businessUnitId).Count(cancellationToken);
        return Enumerable.Range(0, count).Select(page => Page(grains, businessUnitId, page));
    }

    /// <summary>The unit a page's key belongs to; unit ids may hold the separator themselves, page numbers never do.</summary>
    public static string BusinessUnitOf(string pageKey) =>
        pageKey.LastIndexOf(Separator) is var at and >= 0 ? pageKey[..at] : pageKey;
}
