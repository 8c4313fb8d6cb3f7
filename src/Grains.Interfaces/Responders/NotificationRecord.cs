using System.Collections.Immutable;

namespace IncidentActors.Responders;

/// <summary>
/// A page in a responder's notification log, with its delivery receipts per channel and, once this
/// responder acknowledged the incident, when.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.NotificationRecord")]
public sealed record NotificationRecord(
    [property: Id(0)] Page Page,
    [property: Id(1)] ImmutableArray<DeliveryRecord> Deliveries,
    [property: Id(2)] DateTimeOffset? AcknowledgedAt = null);
