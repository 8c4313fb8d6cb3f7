using IncidentActors.BusinessUnits;

namespace IncidentActors.Metrics;

public enum MetricsBucketSize
{
    Day = 0,
    Week = 1,
    Month = 2,
    Quarter = 3,
}

/// <summary>
/// One business unit's metrics over [<see cref="From"/>, <see cref="To"/>), by incidents opened in each period; the
/// optional filters narrow to a service, a team (the service's owner), a region or a severity.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.MetricsQuery")]
public sealed record MetricsQuery(
    [property: Id(0)] string BusinessUnitId,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To,
    [property: Id(3)] MetricsBucketSize BucketSize,
    [property: Id(4)] string? ServiceId = null,
    [property: Id(5)] string? Team = null,
    [property: Id(6)] string? Region = null,
    [property: Id(7)] IncidentSeverity? Severity = null);
