namespace IncidentActors.Alerts;

/// <summary>What became of one alert of a batch: its outcome, or, when its service's rate limit refused it, when to send it again.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Alerts.AlertBatchItemOutcome")]
public sealed record AlertBatchItemOutcome(
    [property: Id(0)] AlertOutcome? Outcome,
    [property: Id(1)] TimeSpan? RetryAfter);
