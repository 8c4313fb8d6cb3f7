namespace IncidentActors.Incidents;

/// <summary>
/// One append-only entry of an incident's timeline. <see cref="Hash"/> covers the entry and the
/// previous entry's hash, so that rewriting or dropping any entry breaks the chain after it.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.TimelineEntry")]
public sealed record TimelineEntry(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string Actor,
    [property: Id(3)] TimelineEntryKind Kind,
    [property: Id(4)] string Message,
    [property: Id(5)] string PreviousHash,
    [property: Id(6)] string Hash);
