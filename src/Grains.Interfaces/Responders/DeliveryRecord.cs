namespace IncidentActors.Responders;

/// <summary>Where one page stands on one channel ("stream", or "webhook:" and the URL).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.DeliveryRecord")]
public sealed record DeliveryRecord(
    [property: Id(0)] string Channel,
    [property: Id(1)] DeliveryStatus Status,
    [property: Id(2)] int Attempts,
    [property: Id(3)] DateTimeOffset At,
    [property: Id(4)] int? HttpStatus,
    [property: Id(5)] string? Error);
