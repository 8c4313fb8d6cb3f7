namespace IncidentActors.OnCall;

/// <summary>Someone covering for a period; beats every layer and region.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.RotationOverride")]
public sealed record RotationOverride(
    [property: Id(0)] string ResponderId,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] string? Reason);
