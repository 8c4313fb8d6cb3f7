namespace IncidentActors.Incidents;

/// <summary>
/// The latest entry of a timeline, signed with the silos' timeline key and stored with the incident. Storage can be
/// edited by whoever reaches it, but without the key nobody can sign a head for a chain they truncated or rewrote.
/// </summary>
/// <param name="Signature">Lowercase hex HMAC-SHA256 of the owner, <paramref name="Sequence"/> and <paramref name="Hash"/>.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.SignedTimelineHead")]
public sealed record SignedTimelineHead(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string Hash,
    [property: Id(2)] string Signature);
