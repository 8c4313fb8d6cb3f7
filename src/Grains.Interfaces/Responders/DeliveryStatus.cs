namespace IncidentActors.Responders;

[GenerateSerializer, Alias("IncidentActors.Responders.DeliveryStatus")]
public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Given up: a permanent failure, or every retry failed.</summary>
    Failed = 2,
}
