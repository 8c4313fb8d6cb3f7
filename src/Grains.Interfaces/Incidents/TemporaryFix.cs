namespace IncidentActors.Incidents;

/// <summary>
/// A workaround in place until <see cref="ExpiresAt"/>. Made permanent before then, it is done;
/// otherwise its expiry raises a follow-up task on the incident.
/// </summary>
/// <param name="Number">1-based, in the order the incident's fixes were recorded.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.TemporaryFix")]
public sealed record TemporaryFix(
    [property: Id(0)] int Number,
    [property: Id(1)] string Description,
    [property: Id(2)] DateTimeOffset ExpiresAt,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset RecordedAt,
    [property: Id(5)] string? PermanentFix,
    [property: Id(6)] string? MadePermanentBy,
    [property: Id(7)] DateTimeOffset? MadePermanentAt,
    [property: Id(8)] DateTimeOffset? ExpiredAt);
