namespace IncidentActors.Responders;

[GenerateSerializer, Alias("IncidentActors.Responders.DeliveryStatus")]
public enum DeliveryStatus
{
    Pending = 0,
    Delivered = 1,
    /// <summary>Given up: a permanent failure, or every retry failed.</summary>
    Failed = 2,
    /// <summary>Retries stopped because the incident was acknowledged or resolved meanwhile: nobody needs the page any more.</summary>
    Cancelled = 3,
}
