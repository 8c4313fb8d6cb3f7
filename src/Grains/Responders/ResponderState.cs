namespace IncidentActors.Responders;

[GenerateSerializer, Alias("IncidentActors.Responders.ResponderState")]
public sealed class ResponderState
{
    [Id(0)] public ResponderDefinition? Definition { get; set; }

    /// <summary>By idempotency key, oldest first; bounded, the oldest delivered pages leaving first.</summary>
    [Id(1)] public List<NotificationRecord> Notifications { get; set; } = [];
}
