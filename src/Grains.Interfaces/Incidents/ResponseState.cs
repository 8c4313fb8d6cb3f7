namespace IncidentActors.Incidents;

/// <summary>Whether an incident still asks for a response: its status and, while acknowledged, since when.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ResponseState")]
public sealed record ResponseState(
    [property: Id(0)] IncidentStatus Status,
    [property: Id(1)] DateTimeOffset? AcknowledgedAt);
