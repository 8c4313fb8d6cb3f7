using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>What a kind of change carries beyond its timeline text; kinds that need nothing more carry none.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentEventData")]
public abstract record IncidentEventData;

/// <summary>The pages this change sent (a level paged, a reassignment, a handover, stakeholders pulled in).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.PagesSent")]
public sealed record PagesSent([property: Id(0)] ImmutableArray<PageRecord> Pages) : IncidentEventData;

/// <summary>A move of the unit's lifecycle model; acknowledged says whether the acknowledging person had been paged.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.StateMoved")]
public sealed record StateMoved(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] bool ByPagedResponder) : IncidentEventData;

/// <summary>
/// Resolved: the rotations it was paged through no longer hand it over. <see cref="ResolvedBefore"/> tells a resolution
/// after the incident was reopened from its first one.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.Resolution")]
public sealed record Resolution(
    [property: Id(0)] string From,
    [property: Id(1)] string To,
    [property: Id(2)] ImmutableArray<string> ReleasedRotations,
    [property: Id(3)] bool ResolvedBefore = false) : IncidentEventData;

/// <summary>
/// The alert count changed since the last event: repeats counted, or an Alertmanager group's firing alerts (which can
/// fall, so <see cref="Added"/> may be negative). Neither makes a timeline entry of its own.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.AlertsCounted")]
public sealed record AlertsCounted(
    [property: Id(0)] int AlertCount,
    [property: Id(1)] int Added,
    [property: Id(2)] DateTimeOffset LastAlertAt) : IncidentEventData;

/// <summary>
/// What consumers derive from an incident's history, read from its stored state: the rotations it was paged through
/// and, when a paged responder acknowledged it, who and when. Carries the incident's latest sequence, which consumers
/// that already applied it ignore; a consumer rebuilding its projection from nothing applies it whole.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.Replayed")]
public sealed record Replayed(
    [property: Id(0)] ImmutableArray<string> PagedRotations,
    [property: Id(1)] string? AcknowledgedByPagedResponder,
    [property: Id(2)] DateTimeOffset? AcknowledgedAt) : IncidentEventData;

/// <summary>
/// An update published: what a status page or a metric needs without reading the incident. An edit of a published update
/// carries it again with the same <see cref="Number"/>, the new texts and <see cref="EditedAt"/>; a reader that holds the
/// number already treats it as an edit.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.UpdatePublished")]
public sealed record UpdatePublished(
    [property: Id(0)] int Number,
    [property: Id(1)] Communications.UpdateAudience Audience,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] DateTimeOffset PublishedAt,
    [property: Id(5)] DateTimeOffset? EditedAt = null) : IncidentEventData;

/// <summary>An update interval passed without an update: how many in a row, when it was due, and who was paged.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.UpdateOverdue")]
public sealed record UpdateOverdue(
    [property: Id(0)] int Misses,
    [property: Id(1)] DateTimeOffset Due,
    [property: Id(2)] ImmutableArray<string> Paged) : IncidentEventData;
