using IncidentActors.Access;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using Orleans.Concurrency;

namespace IncidentActors.Metrics;

/// <summary>
/// Merges the day buckets of a query's range (and <see cref="IncidentMetrics.LookBack"/> before it) and computes the
/// metrics over their facts; never reads an incident. A restricted incident's fact counts only for a caller who may
/// see it, so no count betrays it.
/// </summary>
[StatelessWorker]
internal sealed class MetricsQueryGrain(TimeProvider clock, MetricsBucketCache cache) : Grain, IMetricsQueryGrain
{
    public const int MaxRangeDays = 731;

    public async Task<MetricsReport> Query(MetricsQuery query, CancellationToken cancellationToken = default)
    {
        Validate(query);
        var principal = AccessTicket.Current?.Principal;
        // What is called from here on is read on the system's behalf; the principal decides visibility below.
        AccessTicket.Detach();
        var unit = query.BusinessUnitId;
        var buckets = Task.WhenAll(MetricPeriods.Days(query.From - IncidentMetrics.LookBack, query.To)
            .Select(day => ReadAsync(IMetricsBucketGrain.Key(unit, day), cancellationToken)));
        var services = GrainFactory.GetGrain<IUnitMetricsGrain>(unit).Services(cancellationToken);
        var policy = GrainFactory.GetGrain<IBusinessUnitGrain>(unit).GetPolicy(cancellationToken);
        var read = await buckets;
        var facts = read.SelectMany(b => b.Facts).Where(f => principal is null || principal.MaySee(unit, f.RestrictedTo));
        var reviews = read.SelectMany(b => b.Reviews).ToDictionary(r => r.IncidentId, StringComparer.Ordinal);
        var covered = (await services).Count(s => (query.ServiceId is null || s.Key == query.ServiceId) && (query.Team is null || s.Value == query.Team));
        return IncidentMetrics.Compute(query, facts, reviews, (await policy).Targets, covered, clock.GetUtcNow());
    }

    private async Task<MetricsBucket> ReadAsync(string key, CancellationToken cancellationToken)
    {
        var bucket = GrainFactory.GetGrain<IMetricsBucketGrain>(key);
        return cache.Keep(key, await bucket.Read(cache.KnownVersion(key), cancellationToken))
            ?? cache.Keep(key, await bucket.Read(MetricsBucket.NoVersion, cancellationToken))!;
    }

    private static void Validate(MetricsQuery query)
    {
        var violations = new List<FieldViolation>();
        if (query.To <= query.From)
        {
            violations.Add(new("to", "must be after from."));
        }
        else if (query.To - query.From > TimeSpan.FromDays(MaxRangeDays))
        {
            violations.Add(new("to", $"is {(query.To - query.From).TotalDays:0} days after from; a query covers at most {MaxRangeDays} days."));
        }
        if (!Enum.IsDefined(query.BucketSize))
        {
            violations.Add(new("bucket_size", "must be day, week, month or quarter."));
        }
        if (query.Severity is { } severity && !Enum.IsDefined(severity))
        {
            violations.Add(new("severity", "must be SEV1 to SEV4."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException([.. violations]);
        }
    }
}
