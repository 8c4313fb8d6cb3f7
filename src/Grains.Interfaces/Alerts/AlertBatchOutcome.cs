using System.Collections.Immutable;

namespace IncidentActors.Alerts;

/// <summary>
/// What became of a batch: one outcome per accepted alert, in order. Alerts past the accepted ones
/// were refused by the rate limit and changed nothing; send them again after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Alerts.AlertBatchOutcome")]
public sealed record AlertBatchOutcome(
    [property: Id(0)] ImmutableArray<AlertOutcome> Accepted,
    [property: Id(1)] TimeSpan? RetryAfter);
