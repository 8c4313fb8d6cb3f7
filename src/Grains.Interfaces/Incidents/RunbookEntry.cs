namespace IncidentActors.Incidents;

/// <summary>
/// What a runbook execution tells its incident's timeline: started, a step done or failed (with its trigger, inputs,
/// approver, times and outcome in the message), approved, its breaker opened (then <see cref="PageCarriers"/> pages
/// whoever carries the incident) or reset, rolled back, finished. Delivered at least once; <see cref="Key"/> makes a
/// repeat change nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RunbookEntry")]
public sealed record RunbookEntry(
    [property: Id(0)] string Key,
    [property: Id(1)] TimelineEntryKind Kind,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Actor,
    [property: Id(4)] string Message,
    [property: Id(5)] bool PageCarriers = false);
