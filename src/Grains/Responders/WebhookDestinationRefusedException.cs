namespace IncidentActors.Responders;

/// <summary>A webhook's host resolved to no address that pages may reach (see <see cref="WebhookDestinations"/>).</summary>
public sealed class WebhookDestinationRefusedException(string host)
    : Exception($"Webhook host '{host}' resolves only to loopback, private, link-local or otherwise internal addresses.");
