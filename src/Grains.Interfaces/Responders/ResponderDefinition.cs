using System.Collections.Immutable;

namespace IncidentActors.Responders;

/// <param name="TimeZone">The person's IANA time zone, for showing them times they can read.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Responders.ResponderDefinition")]
public sealed record ResponderDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] ImmutableArray<WebhookContact> Webhooks);
