using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Metrics;

/// <summary>
/// The metric definitions, over the facts of one unit's incidents (drills never have facts). An incident belongs to the
/// period it was opened in. Durations run between its milestones as they stand, corrections included:
/// <list type="bullet">
/// <item>time to detect: detected → opened; time to acknowledge, mitigate, resolve: opened → that milestone, over the
/// incidents that reached it (a reopened incident counts once resolved again, to its last resolution);</item>
/// <item>time between failures: a service's previous incident resolved → this one detected, when it had resolved by
/// then, looking back <see cref="LookBack"/>;</item>
/// <item>recurrence: the service and dedup key were opened before within <see cref="RecurrenceWindow"/>;</item>
/// <item>SLA compliance: acknowledged (or, never acknowledged, resolved) and resolved within the unit's target for the
/// severity from opening; incidents still inside their target are not judged yet, those past it are breaches;</item>
/// <item>review timeliness: reviews completed by their due time, among those completed or overdue; action items
/// overdue: done after their due time or still open past it, among those done or due.</item>
/// </list>
/// </summary>
internal static class IncidentMetrics
{
    public static readonly TimeSpan RecurrenceWindow = TimeSpan.FromDays(30);

    /// <summary>How far before the range facts are read, for recurrences and time between failures.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(90);

    /// <param name="facts">Every fact the caller may see, opened from <see cref="LookBack"/> before the range to its end, of the whole unit: the query's filters are applied here, after recurrences and previous incidents are found across them.</param>
    /// <param name="services">How many services the slice covers, for normalized volume.</param>
    public static MetricsReport Compute(MetricsQuery query, IEnumerable<IncidentFact> facts, IReadOnlyDictionary<string, ReviewFacts> reviews,
        MetricTargets? targets, int services, DateTimeOffset now)
    {
        var all = facts.ToList();
        all.Sort(static (a, b) => a.OpenedAt.UtcTicks.CompareTo(b.OpenedAt.UtcTicks) is var byTime && byTime != 0
            ? byTime : string.CompareOrdinal(a.IncidentId, b.IncidentId));
        var context = new Context(PreviousOfService(all), Recurring(all), reviews, targets, services, now);
        var inRange = all.Where(f => f.OpenedAt >= query.From && f.OpenedAt < query.To && Matches(query, f)).ToList();
        var periods = ImmutableArray.CreateBuilder<PeriodMetrics>();
        var next = 0;
        foreach (var (start, end) in MetricPeriods.Cover(query.From, query.To, query.BucketSize))
        {
            var first = next;
            while (next < inRange.Count && inRange[next].OpenedAt < end)
            {
                next++;
            }
            periods.Add(Period(start, end, inRange.GetRange(first, next - first), context));
        }
        return new MetricsReport(Period(query.From, query.To, inRange, context), periods.ToImmutable());
    }

    public static bool Matches(MetricsQuery query, IncidentFact fact) =>
        (query.ServiceId is null || fact.ServiceId == query.ServiceId)
        && (query.Team is null || fact.Team == query.Team)
        && (query.Region is null || fact.Region == query.Region)
        && (query.Severity is null || fact.Severity == query.Severity);

    public static string SeverityName(IncidentSeverity severity) => $"SEV{(int)severity}";

    private sealed record Context(
        Dictionary<string, IncidentFact> Previous,
        HashSet<string> Recurring,
        IReadOnlyDictionary<string, ReviewFacts> Reviews,
        MetricTargets? Targets,
        int Services,
        DateTimeOffset Now);

    private static PeriodMetrics Period(DateTimeOffset start, DateTimeOffset end, List<IncidentFact> facts, Context context)
    {
        var detect = new List<TimeSpan>();
        var acknowledge = new List<TimeSpan>();
        var mitigate = new List<TimeSpan>();
        var resolve = new List<TimeSpan>();
        var between = new List<TimeSpan>();
        var acknowledgeSla = new Share();
        var resolveSla = new Share();
        var reviewTimely = new Share();
        var itemsOverdue = new Share();
        foreach (var fact in facts)
        {
            var m = fact.Milestones;
            detect.Add(m.OpenedAt - m.DetectedAt);
            AddSince(acknowledge, m.OpenedAt, m.AcknowledgedAt);
            AddSince(mitigate, m.OpenedAt, m.MitigatedAt);
            AddSince(resolve, m.OpenedAt, m.ResolvedAt);
            if (context.Previous.GetValueOrDefault(fact.IncidentId)?.Milestones.ResolvedAt is { } previousResolved && previousResolved <= m.DetectedAt)
            {
                between.Add(m.DetectedAt - previousResolved);
            }
            if (context.Targets?.For(fact.Severity) is { } target)
            {
                acknowledgeSla.Judge(m.AcknowledgedAt ?? m.ResolvedAt, m.OpenedAt + target.AcknowledgeWithin, context.Now);
                resolveSla.Judge(m.ResolvedAt, m.OpenedAt + target.ResolveWithin, context.Now);
            }
            if (context.Reviews.GetValueOrDefault(fact.IncidentId) is { } review)
            {
                reviewTimely.Judge(review.CompletedAt, review.DueAt, context.Now);
                foreach (var item in review.ActionItems.IsDefault ? [] : review.ActionItems)
                {
                    itemsOverdue.Judge(item.DoneAt, item.DueAt, context.Now);
                }
            }
        }
        var count = facts.Count;
        var hours = (end - start).TotalHours;
        return new PeriodMetrics(start, end, count,
            facts.GroupBy(f => SeverityName(f.Severity)).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            facts.GroupBy(f => f.Category).ToImmutableSortedDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            DurationStatistics.Of(detect), DurationStatistics.Of(acknowledge), DurationStatistics.Of(mitigate), DurationStatistics.Of(resolve),
            DurationStatistics.Of(between),
            Rate(facts.Count(f => context.Recurring.Contains(f.IncidentId)), count),
            Rate(facts.Count(f => f.Escalated), count),
            Rate(facts.Count(f => f.Milestones.Reopens > 0), count),
            acknowledgeSla.Met, resolveSla.Met, reviewTimely.Met, itemsOverdue.Missed,
            context.Services,
            context.Services == 0 ? null : (double)count / context.Services,
            context.Services == 0 || hours <= 0 ? null : count * 1000.0 / (context.Services * hours));
    }

    private static void AddSince(List<TimeSpan> durations, DateTimeOffset from, DateTimeOffset? to)
    {
        if (to is { } reached)
        {
            durations.Add(reached - from);
        }
    }

    private static double? Rate(int part, int whole) => whole == 0 ? null : (double)part / whole;

    /// <summary>Each incident's previous incident of its service, in opening order.</summary>
    private static Dictionary<string, IncidentFact> PreviousOfService(List<IncidentFact> ordered)
    {
        var previous = new Dictionary<string, IncidentFact>(StringComparer.Ordinal);
        var last = new Dictionary<string, IncidentFact>(StringComparer.Ordinal);
        foreach (var fact in ordered)
        {
            if (last.TryGetValue(fact.ServiceId, out var before))
            {
                previous[fact.IncidentId] = before;
            }
            last[fact.ServiceId] = fact;
        }
        return previous;
    }

    /// <summary>Incidents whose service and dedup key opened an incident within the recurrence window before them.</summary>
    private static HashSet<string> Recurring(List<IncidentFact> ordered)
    {
        var recurring = new HashSet<string>(StringComparer.Ordinal);
        var lastOpened = new Dictionary<(string, string), DateTimeOffset>();
        foreach (var fact in ordered.Where(f => f.DedupKey.Length > 0))
        {
            var key = (fact.ServiceId, fact.DedupKey);
            if (lastOpened.TryGetValue(key, out var before) && fact.OpenedAt - before <= RecurrenceWindow)
            {
                recurring.Add(fact.IncidentId);
            }
            lastOpened[key] = fact.OpenedAt;
        }
        return recurring;
    }

    /// <summary>Deadlines met and missed: done by the deadline meets it; not done past it misses; not done before it is not judged yet.</summary>
    private sealed class Share
    {
        private int _met;
        private int _missed;

        public double? Met => _met + _missed == 0 ? null : (double)_met / (_met + _missed);

        public double? Missed => _met + _missed == 0 ? null : (double)_missed / (_met + _missed);

        public void Judge(DateTimeOffset? done, DateTimeOffset deadline, DateTimeOffset now)
        {
            if (done is { } at)
            {
                if (at <= deadline)
                {
                    _met++;
                }
                else
                {
                    _missed++;
                }
            }
            else if (now > deadline)
            {
                _missed++;
            }
        }
    }
}
