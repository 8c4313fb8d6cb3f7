namespace IncidentActors.Metrics;

/// <summary>
/// Answers metric queries by merging a unit's day buckets; a stateless worker, so every silo answers its own callers.
/// Restricted incidents count only for a caller who may see them (the call's access ticket).
/// </summary>
[Alias("IncidentActors.Metrics.IMetricsQueryGrain")]
public interface IMetricsQueryGrain : IGrainWithIntegerKey
{
    [Alias("Query")]
    Task<MetricsReport> Query(MetricsQuery query, CancellationToken cancellationToken = default);
}
