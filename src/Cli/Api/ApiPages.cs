namespace IncidentActors.Cli.Api;

/// <summary>Follows a listing's page tokens until the listing ends or the limit is reached, asking for no more than is still wanted.</summary>
internal static class ApiPages
{
    /// <param name="page">Fetches one page of at most the given size from the given token ("" for the first).</param>
    public static async Task<List<T>> UpToAsync<T>(int limit, int maxPageSize, Func<int, string, Task<(IEnumerable<T> Items, string NextPageToken)>> page)
    {
        var items = new List<T>();
        var token = "";
        do
        {
            (var found, token) = await page(Math.Min(maxPageSize, limit - items.Count), token);
            items.AddRange(found.Take(limit - items.Count));
        }
        while (token.Length > 0 && items.Count < limit);
        return items;
    }
}
