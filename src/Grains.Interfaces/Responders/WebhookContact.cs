namespace IncidentActors.Responders;

/// <summary>An HTTPS (or loopback HTTP) endpoint that receives a responder's pages, signed with the shared secret.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.WebhookContact")]
public sealed record WebhookContact(
    [property: Id(0)] string Url,
    [property: Id(1)] string Secret);
