using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;

namespace IncidentActors.Metrics;

/// <summary>
/// The compact, per-incident record metrics are computed from: what slices it (service, team, region, severity,
/// category), its milestones, and whether it escalated. Drills have none. <see cref="Sequence"/> is the incident event
/// it was taken from: a fact replaces the one held only when newer, so events delivered again change nothing.
/// </summary>
/// <param name="OpenedAt">When the incident was opened in the system, which never changes: its day is its bucket's.</param>
/// <param name="RestrictedTo">A restricted incident's groups: only callers who may see it count it.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.IncidentFact")]
public sealed record IncidentFact(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset OpenedAt,
    [property: Id(3)] string ServiceId,
    [property: Id(4)] string Team,
    [property: Id(5)] string Region,
    [property: Id(6)] IncidentSeverity Severity,
    [property: Id(7)] string Category,
    [property: Id(8)] IncidentMilestones Milestones,
    [property: Id(9)] bool Escalated,
    [property: Id(10)] string DedupKey,
    [property: Id(11)] ImmutableArray<string> RestrictedTo)
{
    /// <summary>
    /// Counts the same in every figure as <paramref name="other"/>: only the event it was taken from differs (a page, an
    /// escalation, repeats counted), or the region, which stays the one the incident opened in.
    /// </summary>
    public bool CountsAs(IncidentFact other) =>
        this with { Sequence = other.Sequence, Region = other.Region, RestrictedTo = other.RestrictedTo } == other
        && RestrictedTo.AsSpan().SequenceEqual(other.RestrictedTo.AsSpan());
}
