namespace IncidentActors.Cli.Drill.Report;

/// <summary>How one unit (or the whole drill) responded to the incidents the drill opened.</summary>
/// <param name="TimeToAcknowledge">Opened to acknowledged, over acknowledged incidents (MTTA and its spread).</param>
/// <param name="TimeToResolve">Opened to resolved, over resolved incidents (MTTR and its spread).</param>
/// <param name="TimeToCentralCommand">Opened to taken under central command, over the incidents that were.</param>
public sealed record UnitResponse(
    int Incidents,
    DurationStats? TimeToAcknowledge,
    DurationStats? TimeToResolve,
    DurationStats? TimeToCentralCommand,
    int Escalations,
    int Handovers)
{
    public static UnitResponse Of(IReadOnlyCollection<DrillIncident> incidents) => new(
        incidents.Count,
        DurationStats.Of(incidents.Where(i => i.AcknowledgedAt is not null).Select(i => i.AcknowledgedAt!.Value - i.OpenedAt)),
        DurationStats.Of(incidents.Where(i => i.ResolvedAt is not null).Select(i => i.ResolvedAt!.Value - i.OpenedAt)),
        DurationStats.Of(incidents.Where(i => i.CentralCommandAt is not null).Select(i => i.CentralCommandAt!.Value - i.OpenedAt)),
        incidents.Sum(i => i.Escalations),
        incidents.Sum(i => i.Handovers));

    /// <summary>
    /// Every unit the record mentions, ordered by id: the declared ones and any that only appear on an incident or a
    /// page, so nothing the drill saw drops out of the report.
    /// </summary>
    public static IReadOnlyList<string> UnitsOf(DrillRecord record) => record.Units.Select(u => u.Id)
        .Concat(record.Incidents.Select(i => i.Unit))
        .Concat(record.Pages.Select(p => p.Unit))
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToArray();
}
