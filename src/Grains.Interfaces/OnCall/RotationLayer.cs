using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <summary>
/// Participants take turns, each for <see cref="ShiftLength"/>, starting with the first at
/// <see cref="RotationStart"/>. Whole-day shifts hand over at the same local wall-clock time in
/// <see cref="TimeZone"/> across daylight-saving changes (such a shift is then 23 or 25 hours);
/// shorter shifts step in elapsed time. Outside <see cref="Restrictions"/> nobody is on call in this layer.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.RotationLayer")]
public sealed record RotationLayer(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<string> Participants,
    [property: Id(2)] TimeSpan ShiftLength,
    [property: Id(3)] DateTimeOffset RotationStart,
    [property: Id(4)] string TimeZone,
    [property: Id(5)] ImmutableArray<DailyWindow> Restrictions);
