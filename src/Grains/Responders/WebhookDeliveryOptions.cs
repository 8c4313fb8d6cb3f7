namespace IncidentActors.Responders;

public sealed class WebhookDeliveryOptions
{
    public const string Section = "IncidentActors:Webhooks";

    /// <summary>One attempt's limit; a receiver slower than this counts as failed and is tried again.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Hosts (names or IP literals) that pages may reach over plain HTTP and at loopback, private or link-local
    /// addresses: development and test receivers. Empty by default, so that pages go over HTTPS to public addresses only.
    /// </summary>
    public string[] AllowedInternalHosts { get; set; } = [];
}
