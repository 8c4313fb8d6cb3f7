using System.Collections.Immutable;
using Orleans.Concurrency;

namespace IncidentActors.Metrics;

/// <summary>
/// The metric facts of one business unit's incidents opened on one UTC day, keyed <c>{unit}/{yyyy-MM-dd}</c>
/// (<see cref="Key"/>). Queries merge the days of their range, so none ever reads an incident.
/// </summary>
[Alias("IncidentActors.Metrics.IMetricsBucketGrain")]
public interface IMetricsBucketGrain : IGrainWithStringKey
{
    public static string Key(string businessUnitId, DateTimeOffset openedAt) => $"{businessUnitId}/{DateOnly.FromDateTime(openedAt.UtcDateTime):yyyy-MM-dd}";

    public static string Key(string businessUnitId, DateOnly day) => $"{businessUnitId}/{day:yyyy-MM-dd}";

    /// <summary>Keeps the fact unless one from a newer event is held; returns once stored.</summary>
    [Alias("Apply")]
    Task Apply(IncidentFact fact, CancellationToken cancellationToken = default);

    /// <summary>
    /// The review facts of an incident opened on this bucket's day (the reviews concept's contract; see README,
    /// "Metrics"); an older report than held changes nothing. Returns once stored.
    /// </summary>
    [Alias("RecordReviewFacts")]
    Task RecordReviewFacts(ReviewFacts review, CancellationToken cancellationToken = default);

    /// <summary>The bucket's facts, or only its version when that is <paramref name="knownVersion"/> (the caller holds it).</summary>
    [Alias("Read"), ReadOnly]
    Task<MetricsBucket> Read(long knownVersion, CancellationToken cancellationToken = default);
}

/// <summary>
/// A bucket's facts at a version. Versions start afresh, and apart from earlier ones, with every activation, so an
/// equal version means equal contents.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Metrics.MetricsBucket")]
public sealed record MetricsBucket(
    [property: Id(0)] ImmutableArray<IncidentFact> Facts,
    [property: Id(1)] ImmutableArray<ReviewFacts> Reviews,
    [property: Id(2)] long Version = MetricsBucket.NoVersion,
    [property: Id(3)] bool Unchanged = false)
{
    public const long NoVersion = -1;
}
