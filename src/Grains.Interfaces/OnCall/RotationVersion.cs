namespace IncidentActors.OnCall;

/// <summary>A definition and the instant it took effect: changes apply from the next shift, the past keeps its roster.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.RotationVersion")]
public sealed record RotationVersion(
    [property: Id(0)] DateTimeOffset EffectiveFrom,
    [property: Id(1)] RotationDefinition Definition);
