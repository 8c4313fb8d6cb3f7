using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <summary>
/// A local time-of-day window. It opens at <see cref="Start"/> on each of <see cref="Days"/> (every day when empty) and
/// closes at <see cref="End"/>: the same day, the next when <see cref="End"/> is at or before <see cref="Start"/>, or on
/// the first <see cref="EndDay"/> after it opened when one is given (Fri 17:00 → Mon 09:00).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.DailyWindow")]
public sealed record DailyWindow(
    [property: Id(0)] TimeOnly Start,
    [property: Id(1)] TimeOnly End,
    [property: Id(2)] ImmutableArray<DayOfWeek> Days = default,
    [property: Id(3)] DayOfWeek? EndDay = null);
