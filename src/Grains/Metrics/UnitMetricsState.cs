namespace IncidentActors.Metrics;

[GenerateSerializer, Alias("IncidentActors.Metrics.UnitMetricsState")]
public sealed class UnitMetricsState
{
    /// <summary>Service id to owner team.</summary>
    [Id(0)] public SortedDictionary<string, string> Services { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By service and dedup key, the latest incident opened within the recurrence window.</summary>
    [Id(1)] public Dictionary<string, OpenedIncident> LastOpened { get; set; } = new(StringComparer.Ordinal);

    /// <summary>By incident, resolutions of the weeks governance still judges.</summary>
    [Id(2)] public Dictionary<string, ResolutionTime> Resolutions { get; set; } = new(StringComparer.Ordinal);

    [Id(3)] public List<GovernanceItem> Items { get; set; } = [];
}

[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.OpenedIncident")]
public sealed record OpenedIncident([property: Id(0)] string IncidentId, [property: Id(1)] DateTimeOffset OpenedAt);

[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.ResolutionTime")]
public sealed record ResolutionTime(
    [property: Id(0)] DateTimeOffset Week,
    [property: Id(1)] BusinessUnits.IncidentSeverity Severity,
    [property: Id(2)] TimeSpan Duration);

[GenerateSerializer, Alias("IncidentActors.Metrics.MetricsBucketState")]
public sealed class MetricsBucketState
{
    [Id(0)] public Dictionary<string, IncidentFact> Facts { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, ReviewFacts> Reviews { get; set; } = new(StringComparer.Ordinal);
}
