using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <summary>
/// One region of a follow-the-sun rotation: on call from <see cref="LocalStart"/> in its own
/// <see cref="TimeZone"/> until the next region's start. Its participants take one region-day each, in turn.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.SunRegion")]
public sealed record SunRegion(
    [property: Id(0)] string Region,
    [property: Id(1)] string TimeZone,
    [property: Id(2)] TimeOnly LocalStart,
    [property: Id(3)] ImmutableArray<string> Participants);
