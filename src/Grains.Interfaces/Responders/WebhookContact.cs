namespace IncidentActors.Responders;

/// <summary>An HTTPS endpoint that receives a responder's pages, signed with the shared secret.</summary>
/// <param name="Secret">
/// Write-only: empty in what a responder returns. Sent empty when defining a responder, the webhook of that URL keeps
/// its current secret.
/// </param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.WebhookContact")]
public sealed record WebhookContact(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret);
