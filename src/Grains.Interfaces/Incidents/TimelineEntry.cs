namespace IncidentActors.Incidents;

/// <summary>
/// One append-only entry of an incident's timeline. <see cref="Hash"/> covers the entry (its kind by number) and
/// <see cref="PreviousHash"/>, the hash of the entry before it or, for the first entry, a hash derived from the
/// incident's id: rewriting, dropping or moving any entry breaks the chain after it.
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
