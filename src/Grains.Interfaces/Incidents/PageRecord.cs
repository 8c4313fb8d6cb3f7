using System.Collections.Immutable;
using IncidentActors.Responders;

namespace IncidentActors.Incidents;

/// <summary>A page this incident sent, as the incident shows it: who, which step, through what, and its receipts.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.PageRecord")]
public sealed record PageRecord(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string ResponderId,
    [property: Id(2)] int Level,
    [property: Id(3)] int Round,
    [property: Id(4)] string? RotationId,
    [property: Id(5)] DateTimeOffset PagedAt,
    [property: Id(6)] ImmutableArray<DeliveryRecord> Deliveries);
