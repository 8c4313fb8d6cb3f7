namespace IncidentActors.Responders;

[GenerateSerializer, Alias("IncidentActors.Responders.ResponderState")]
public sealed class ResponderState
{
    /// <summary>As defined, each webhook's secret left out: it is in <see cref="ProtectedSecrets"/>.</summary>
    [Id(0)] public ResponderDefinition? Definition { get; set; }

    /// <summary>By idempotency key, oldest first; bounded, the oldest delivered pages leaving first.</summary>
    [Id(1)] public List<NotificationRecord> Notifications { get; set; } = [];

    /// <summary>Delivery receipts stored here but not yet stored by the incidents that sent the pages, oldest first.</summary>
    [Id(2)] public List<DeliveryReceipt> UnreportedReceipts { get; set; } = [];

    /// <summary>Each webhook's secret by the webhook's URL, encrypted by <see cref="WebhookSecrets"/>.</summary>
    [Id(3)] public Dictionary<string, string> ProtectedSecrets { get; set; } = [];
}

/// <summary>What became of one channel of a page, owed to the incident that sent it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.DeliveryReceipt")]
public sealed record DeliveryReceipt(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string IdempotencyKey,
    [property: Id(2)] DeliveryRecord Delivery);
