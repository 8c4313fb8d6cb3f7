namespace IncidentActors.OnCall;

/// <summary>A shift boundary of a rotation, as handed to an incident it commands.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.Handover")]
public sealed record Handover(
    [property: Id(0)] string RotationId,
    [property: Id(1)] string? OutgoingResponderId,
    [property: Id(2)] string IncomingResponderId,
    [property: Id(3)] string? Region,
    [property: Id(4)] DateTimeOffset At);
