namespace IncidentActors.Responders;

public sealed class WebhookDeliveryOptions
{
    public const string Section = "IncidentActors:Webhooks";

    /// <summary>One attempt's limit; a receiver slower than this counts as failed and is tried again.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
