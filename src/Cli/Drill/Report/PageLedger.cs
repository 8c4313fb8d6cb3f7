namespace IncidentActors.Cli.Drill.Report;

/// <summary>
/// The drill's pages counted by idempotency key, per unit: what the policies expected, what the simulated responders'
/// receiver saw, and what was acknowledged. Lost and duplicate pages come from here, never from logs.
/// </summary>
/// <param name="Entries">One entry per unit and key, ordered by unit, then key.</param>
/// <param name="Lost">Expected, never delivered.</param>
/// <param name="Duplicates">Delivered more than once under one key.</param>
/// <param name="Unexpected">Delivered though no policy expected it.</param>
public sealed record PageLedger(
    IReadOnlyList<PageLedgerEntry> Entries,
    IReadOnlyList<PageLedgerEntry> Lost,
    IReadOnlyList<PageLedgerEntry> Duplicates,
    IReadOnlyList<PageLedgerEntry> Unexpected)
{
    public int Expected => Entries.Count(e => e.Expected);

    /// <summary>Keys delivered at least once.</summary>
    public int Delivered => Entries.Count(e => e.Deliveries.Count > 0);

    public int Acknowledged => Entries.Count(e => e.AcknowledgedAt is not null);

    /// <summary>Every delivery, duplicates included.</summary>
    public int Deliveries => Entries.Sum(e => e.Deliveries.Count);

    public static PageLedger Of(IEnumerable<PageLedgerEntry> pages)
    {
        var entries = pages
            .GroupBy(p => (p.Unit, p.IdempotencyKey))
            .Select(Merge)
            .OrderBy(e => e.Unit, StringComparer.Ordinal)
            .ThenBy(e => e.IdempotencyKey, StringComparer.Ordinal)
            .ToArray();
        return new PageLedger(
            entries,
            entries.Where(e => e.Expected && e.Deliveries.Count == 0).ToArray(),
            entries.Where(e => e.Deliveries.Count > 1).ToArray(),
            entries.Where(e => !e.Expected && e.Deliveries.Count > 0).ToArray());
    }

    public PageLedger ForUnit(string unit) => Of(Entries.Where(e => e.Unit == unit));

    /// <summary>
    /// A key listed twice is still one page: its deliveries add up (so a second listing can reveal a duplicate) and
    /// the earliest acknowledgement counts.
    /// </summary>
    private static PageLedgerEntry Merge(IGrouping<(string Unit, string Key), PageLedgerEntry> listings)
    {
        var first = listings.First();
        return first with
        {
            Expected = listings.Any(p => p.Expected),
            Deliveries = listings.SelectMany(p => p.Deliveries).Order().ToArray(),
            AcknowledgedAt = listings.Min(p => p.AcknowledgedAt),
        };
    }
}
