using IncidentActors.BusinessUnits;

namespace IncidentActors.Metrics;

/// <summary>
/// When a unit's metrics call for a review: an incident recurring (its service and dedup key opened within the
/// recurrence window before), or a severity's mean time to resolve above its target for the unit's number of weeks
/// running, judged on completed weeks (by resolution) once the next week's first resolution comes in. Each item is
/// raised once by its id; facts may come again and change nothing then.
/// </summary>
internal static class GovernanceRules
{
    /// <summary>Adds what the fact raises to the state's items; false when nothing of the state changed.</summary>
    public static bool Observe(UnitMetricsState s, IncidentFact fact, MetricTargets? targets, DateTimeOffset now)
    {
        var raised = new List<GovernanceItem>();
        if (targets is null)
        {
            return false;
        }
        var changed = false;
        if (targets.ReviewRecurrences && fact.DedupKey.Length > 0)
        {
            var key = $"{fact.ServiceId}\n{fact.DedupKey}";
            if (s.LastOpened.TryGetValue(key, out var before) && before.IncidentId != fact.IncidentId
                && fact.OpenedAt > before.OpenedAt && fact.OpenedAt - before.OpenedAt <= IncidentMetrics.RecurrenceWindow)
            {
                raised.Add(new GovernanceItem($"recurrence/{fact.IncidentId}", GovernanceReason.Recurrence, now,
                    $"{fact.IncidentId} recurs on service {fact.ServiceId}: {before.IncidentId} opened for the same alert {before.OpenedAt:O}.", fact.IncidentId));
            }
            if (!s.LastOpened.TryGetValue(key, out var known) || known.OpenedAt < fact.OpenedAt)
            {
                s.LastOpened[key] = new OpenedIncident(fact.IncidentId, fact.OpenedAt);
                changed = true;
            }
        }
        if (fact.Milestones.ResolvedAt is { } resolvedAt && targets.For(fact.Severity) is { } target)
        {
            var week = MetricPeriods.StartOf(resolvedAt, MetricsBucketSize.Week);
            var resolution = new ResolutionTime(week, fact.Severity, resolvedAt - fact.Milestones.OpenedAt);
            changed |= s.Resolutions.GetValueOrDefault(fact.IncidentId) != resolution;
            s.Resolutions[fact.IncidentId] = resolution;
            if (MttrBreach(s, fact.Severity, week, target, targets.MttrBreachPeriods, now) is { } item)
            {
                raised.Add(item);
            }
        }
        else
        {
            changed |= s.Resolutions.Remove(fact.IncidentId);
        }
        changed |= Forget(s, now, targets.MttrBreachPeriods);
        raised.RemoveAll(item => s.Items.Exists(i => i.Id == item.Id));
        s.Items.AddRange(raised);
        return changed || raised.Count > 0;
    }

    /// <summary>The weeks before <paramref name="current"/>, each above target; those without resolutions break the run.</summary>
    private static GovernanceItem? MttrBreach(UnitMetricsState s, IncidentSeverity severity, DateTimeOffset current, SeverityTarget target, int periods, DateTimeOffset now)
    {
        var means = new List<TimeSpan>();
        for (var week = current.AddDays(-7); means.Count < periods; week = week.AddDays(-7))
        {
            var times = s.Resolutions.Values.Where(r => r.Week == week && r.Severity == severity).Select(r => r.Duration.Ticks).ToList();
            if (times.Count == 0 || TimeSpan.FromTicks((long)times.Average()) is var mean && mean <= target.ResolveWithin)
            {
                return null;
            }
            means.Add(mean);
        }
        var last = current.AddDays(-7);
        return new GovernanceItem($"mttr/{IncidentMetrics.SeverityName(severity)}/{last:yyyy-MM-dd}", GovernanceReason.MttrAboveTarget, now,
            $"Mean time to resolve {IncidentMetrics.SeverityName(severity)} was above its target of {target.ResolveWithin} for {periods} weeks running " +
            $"to the week of {last:yyyy-MM-dd}: {string.Join(", ", means.AsEnumerable().Reverse().Select(m => m.ToString("g")))}.", null);
    }

    /// <summary>Keeps only what later judgements can need: recent openings, and resolutions of the weeks still judged.</summary>
    private static bool Forget(UnitMetricsState s, DateTimeOffset now, int periods)
    {
        var keptSince = now - IncidentMetrics.RecurrenceWindow;
        var stale = s.LastOpened.Where(e => e.Value.OpenedAt < keptSince).Select(e => e.Key).ToList();
        stale.ForEach(key => s.LastOpened.Remove(key));
        var firstWeek = MetricPeriods.StartOf(now, MetricsBucketSize.Week).AddDays(-7 * (periods + 1));
        var old = s.Resolutions.Where(e => e.Value.Week < firstWeek).Select(e => e.Key).ToList();
        old.ForEach(id => s.Resolutions.Remove(id));
        return stale.Count + old.Count > 0;
    }
}
