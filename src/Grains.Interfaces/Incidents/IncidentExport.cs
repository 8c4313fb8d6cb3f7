using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>
/// An incident as handed to someone outside: what happened and when. Redacted, every person (actor, responder,
/// stakeholder, role holder) is "person 1", "person 2", … in order of appearance, in the timeline's texts too, and
/// nothing internal is included: no alert details, sources, pages, contacts, linked items, vendors or resolution notes.
/// <see cref="Updates"/> are the published communications, with who wrote, approved and published each and who read it;
/// <see cref="RegulatoryClocks"/> the reports owed to regulators with their evidence (redacted, the people and the
/// texts as elsewhere; the SHA-256 stays that of the text as submitted).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentExport")]
public sealed record IncidentExport(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string ServiceId,
    [property: Id(3)] string BusinessUnitId,
    [property: Id(4)] Alerts.AlertSeverity Severity,
    [property: Id(5)] IncidentStatus Status,
    [property: Id(6)] DateTimeOffset OpenedAt,
    [property: Id(7)] DateTimeOffset? AcknowledgedAt,
    [property: Id(8)] DateTimeOffset? ResolvedAt,
    [property: Id(9)] ImmutableArray<TimelineEntry> Timeline,
    [property: Id(10)] bool Redacted,
    [property: Id(11)] int PeopleReplaced,
    [property: Id(12)] ImmutableArray<ExportedUpdate> Updates = default,
    [property: Id(13)] ImmutableArray<RegulatoryClock> RegulatoryClocks = default);

/// <summary>A published update as an export carries it: to whom it went and who confirmed reading it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ExportedUpdate")]
public sealed record ExportedUpdate(
    [property: Id(0)] int Number,
    [property: Id(1)] Communications.UpdateAudience Audience,
    [property: Id(2)] string Subject,
    [property: Id(3)] string Body,
    [property: Id(4)] string DraftedBy,
    [property: Id(5)] string? ApprovedBy,
    [property: Id(6)] string PublishedBy,
    [property: Id(7)] DateTimeOffset PublishedAt,
    [property: Id(8)] ImmutableArray<string> Recipients,
    [property: Id(9)] ImmutableArray<string> ReadBy);
