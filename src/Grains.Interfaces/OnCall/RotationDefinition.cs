using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <summary>
/// Who may be on call, by precedence: an override, then the last layer with someone on call, then
/// the follow-the-sun regions (the base coverage, when given).
/// </summary>
/// <param name="ShiftNoticesOff">
/// Whether the rotation's people go without shift notices ("you are now on call", "you are off call") at its boundaries;
/// they get them by default.
/// </param>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.RotationDefinition")]
public sealed record RotationDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] ImmutableArray<RotationLayer> Layers,
    [property: Id(3)] ImmutableArray<SunRegion> FollowTheSun,
    [property: Id(4)] ImmutableArray<RotationOverride> Overrides,
    [property: Id(40)] bool ShiftNoticesOff = false);
