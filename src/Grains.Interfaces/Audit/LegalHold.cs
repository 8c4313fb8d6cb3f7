namespace IncidentActors.Audit;

/// <summary>
/// A hold for litigation or investigation on an incident or a whole business unit: while it stands, retention neither
/// archives the incidents it covers nor deletes their archives.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Audit.LegalHold")]
public sealed record LegalHold(
    [property: Id(0)] string Reason,
    [property: Id(1)] string PlacedBy,
    [property: Id(2)] DateTimeOffset PlacedAt);
