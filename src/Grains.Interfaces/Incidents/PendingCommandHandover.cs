namespace IncidentActors.Incidents;

/// <summary>
/// Command of the incident offered to the incoming region's commander at a follow-the-sun handover; until they accept,
/// <see cref="OutgoingCommanderId"/> stays in command, and unaccepted by <see cref="AcceptBy"/> it stays with them for good.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.PendingCommandHandover")]
public sealed record PendingCommandHandover(
    [property: Id(0)] string RotationId,
    [property: Id(1)] string? Region,
    [property: Id(2)] string OutgoingCommanderId,
    [property: Id(3)] string IncomingCommanderId,
    [property: Id(4)] DateTimeOffset AcceptBy);
