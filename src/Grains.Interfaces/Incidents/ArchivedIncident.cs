namespace IncidentActors.Incidents;

/// <summary>An incident read back from the archive retention moved it to.</summary>
/// <param name="ContentIntact">The archive is byte for byte what was written: its SHA-256 matches the one hot state kept.</param>
/// <param name="Timeline">The archived timeline verified against the signed head hot state kept.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ArchivedIncident")]
public sealed record ArchivedIncident(
    [property: Id(0)] IncidentView Incident,
    [property: Id(1)] DateTimeOffset ArchivedAt,
    [property: Id(2)] bool ContentIntact,
    [property: Id(3)] TimelineVerification Timeline);
