namespace IncidentActors.Responders;

/// <summary>The outcome of one attempt to deliver a page over one channel.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.DeliveryAttempt")]
public sealed record DeliveryAttempt(
    [property: Id(0)] bool Delivered,
    [property: Id(1)] bool Retryable,
    [property: Id(2)] int? HttpStatus,
    [property: Id(3)] string? Error);
