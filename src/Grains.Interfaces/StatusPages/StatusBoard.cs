using System.Collections.Immutable;
using IncidentActors.Communications;
using IncidentActors.Incidents;

namespace IncidentActors.StatusPages;

/// <summary>An update as published; <see cref="EditedAt"/> is set once its text was replaced by an edit.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.BoardUpdate")]
public sealed record BoardUpdate(
    [property: Id(0)] int Number,
    [property: Id(1)] UpdateAudience Audience,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] DateTimeOffset PublishedAt,
    [property: Id(5)] DateTimeOffset? EditedAt = null)
{
    /// <summary>Written for people outside the organisation who read status pages.</summary>
    public bool IsExternal => Audience is UpdateAudience.Customers or UpdateAudience.Public;
}

/// <summary>
/// An incident as the board holds it: what pages may show and nothing more (no timeline, notes, responders or
/// details). <see cref="Sequence"/> is the newest incident event applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.BoardIncident")]
public sealed record BoardIncident(
    [property: Id(0)] string Id,
    [property: Id(1)] string ServiceId,
    [property: Id(2)] string Title,
    [property: Id(3)] BusinessUnits.IncidentSeverity? Severity,
    [property: Id(4)] PublicStatus PublicStatus,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset? ResolvedAt,
    [property: Id(7)] ImmutableArray<string> RestrictedTo,
    [property: Id(8)] bool Drill,
    [property: Id(9)] long Sequence,
    [property: Id(10)] ImmutableArray<BoardUpdate> Updates)
{
    public bool IsResolved => ResolvedAt is not null;

    public bool IsRestricted => !RestrictedTo.IsDefaultOrEmpty;
}

/// <summary>A unit's board at one <see cref="Version"/>; <see cref="UpdatedAt"/> is when it last changed.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.StatusBoard")]
public sealed record StatusBoard(
    [property: Id(0)] string BusinessUnitId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] ImmutableArray<BoardIncident> Incidents)
{
    /// <summary>How long a resolved incident stays in a board's history.</summary>
    public const int HistoryDays = 90;
}

/// <summary>An update published by an incident event of <see cref="Sequence"/>, stored at <see cref="At"/>.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.SequencedUpdate")]
public sealed record SequencedUpdate(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] UpdatePublished Update);

/// <summary>
/// What a delivery of incident events tells the board: the incident as it stands after its newest event
/// (<see cref="Sequence"/>, at <see cref="At"/>) and the updates published among those events.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.StatusBoardChange")]
public sealed record StatusBoardChange(
    [property: Id(0)] IncidentSummary Incident,
    [property: Id(1)] long Sequence,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] ImmutableArray<SequencedUpdate> Updates);
