namespace IncidentActors.OnCall;

/// <summary>A local time-of-day window, every day; an <see cref="End"/> at or before <see cref="Start"/> runs past midnight.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.DailyWindow")]
public sealed record DailyWindow(
    [property: Id(0)] TimeOnly Start,
    [property: Id(1)] TimeOnly End);
