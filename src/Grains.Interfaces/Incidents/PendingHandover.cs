namespace IncidentActors.Incidents;

/// <summary>A handover the incoming responder has yet to accept; unaccepted by <see cref="AcceptBy"/>, it escalates.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.PendingHandover")]
public sealed record PendingHandover(
    [property: Id(0)] string RotationId,
    [property: Id(1)] string IncomingResponderId,
    [property: Id(2)] DateTimeOffset AcceptBy);
