namespace IncidentActors.OnCall;

/// <summary>A stretch of time one responder is on call, and what put them there (a layer, a region or an override).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.Shift")]
public sealed record Shift(
    [property: Id(0)] string ResponderId,
    [property: Id(1)] DateTimeOffset Start,
    [property: Id(2)] DateTimeOffset End,
    [property: Id(3)] string Source,
    [property: Id(4)] string? Region);
