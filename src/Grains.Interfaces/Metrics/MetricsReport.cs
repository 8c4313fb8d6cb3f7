using System.Collections.Immutable;

namespace IncidentActors.Metrics;

/// <summary>Metrics for the whole range and for each period of it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.MetricsReport")]
public sealed record MetricsReport(
    [property: Id(0)] PeriodMetrics Total,
    [property: Id(1)] ImmutableArray<PeriodMetrics> Periods);

/// <summary>
/// One period's figures (definitions in README, "Metrics"). Rates are fractions from 0 to 1, null when nothing was
/// there to measure; normalized volume divides by the services in the slice.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.PeriodMetrics")]
public sealed record PeriodMetrics(
    [property: Id(0)] DateTimeOffset Start,
    [property: Id(1)] DateTimeOffset End,
    [property: Id(2)] int Incidents,
    [property: Id(3)] ImmutableSortedDictionary<string, int> BySeverity,
    [property: Id(4)] ImmutableSortedDictionary<string, int> ByCategory,
    [property: Id(5)] DurationStats TimeToDetect,
    [property: Id(6)] DurationStats TimeToAcknowledge,
    [property: Id(7)] DurationStats TimeToMitigate,
    [property: Id(8)] DurationStats TimeToResolve,
    [property: Id(9)] DurationStats TimeBetweenFailures,
    [property: Id(10)] double? RecurrenceRate,
    [property: Id(11)] double? EscalationRate,
    [property: Id(12)] double? ReopenRate,
    [property: Id(13)] double? AcknowledgeSlaCompliance,
    [property: Id(14)] double? ResolveSlaCompliance,
    [property: Id(15)] double? ReviewTimeliness,
    [property: Id(16)] double? ActionItemOverdueRate,
    [property: Id(17)] int Services,
    [property: Id(18)] double? IncidentsPerService,
    [property: Id(19)] double? IncidentsPer1000ServiceHours);

/// <summary>Count, mean and nearest-rank percentiles of the durations measured; zero count leaves the rest null.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.DurationStats")]
public sealed record DurationStats(
    [property: Id(0)] int Count,
    [property: Id(1)] TimeSpan? Mean,
    [property: Id(2)] TimeSpan? P50,
    [property: Id(3)] TimeSpan? P90);
