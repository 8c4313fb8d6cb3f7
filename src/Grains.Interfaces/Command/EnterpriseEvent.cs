using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Incidents;

namespace IncidentActors.Command;

[GenerateSerializer]
public enum EventChildStatus
{
    /// <summary>Central command decides its severity, external communication and closing; its local commander keeps the technical work.</summary>
    CentralCommand = 0,

    /// <summary>Handed back: its business unit commands it alone again.</summary>
    HandedBack = 1,
}

[GenerateSerializer, Immutable, Alias("IncidentActors.Command.EventChild")]
public sealed record EventChild(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string BusinessUnitId,
    [property: Id(2)] EventChildStatus Status,
    [property: Id(3)] DateTimeOffset Since);

[GenerateSerializer, Immutable, Alias("IncidentActors.Command.EventCommunication")]
public sealed record EventCommunication(
    [property: Id(0)] string Message,
    [property: Id(1)] string By,
    [property: Id(2)] DateTimeOffset At);

/// <summary>An enterprise-wide event under central command, with its child incidents of several business units.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Command.EnterpriseEventView")]
public sealed record EnterpriseEventView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Commander,
    [property: Id(3)] DateTimeOffset OpenedAt,
    [property: Id(4)] DateTimeOffset? ClosedAt,
    [property: Id(5)] IncidentSeverity? Severity,
    [property: Id(6)] ImmutableArray<EventChild> Children,
    [property: Id(7)] ImmutableArray<EventCommunication> Communications,
    [property: Id(8)] ImmutableArray<TimelineEntry> Timeline,
    [property: Id(40)] ImmutableArray<CentralUpdate> Updates = default,
    [property: Id(50)] string? CentralRotationId = null,
    [property: Id(51)] PendingCentralHandover? PendingCentralHandover = null);

/// <summary>
/// Central command offered at a follow-the-sun boundary of the event's rotation to the person on call there; the
/// outgoing central commander keeps command until the incoming one accepts, and for good if <see cref="AcceptBy"/> passes.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Command.PendingCentralHandover")]
public sealed record PendingCentralHandover(
    [property: Id(0)] string RotationId,
    [property: Id(1)] string? Region,
    [property: Id(2)] string OutgoingCommander,
    [property: Id(3)] string IncomingCommander,
    [property: Id(4)] DateTimeOffset Boundary,
    [property: Id(5)] DateTimeOffset AcceptBy);

/// <summary>
/// An update for the whole event: drafted by the central commander, approved once by one of central command's
/// approvers other than the drafter, and published by the commander into the communications log of every incident
/// under the event's command. <see cref="Pending"/> are the incidents it has yet to reach.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Command.CentralUpdate")]
public sealed record CentralUpdate(
    [property: Id(0)] string EventId,
    [property: Id(1)] int Number,
    [property: Id(2)] UpdateAudience Audience,
    [property: Id(3)] string Subject,
    [property: Id(4)] string Body,
    [property: Id(5)] UpdateStatus Status,
    [property: Id(6)] string DraftedBy,
    [property: Id(7)] DateTimeOffset DraftedAt,
    [property: Id(8)] string? ApprovedBy = null,
    [property: Id(9)] DateTimeOffset? ApprovedAt = null,
    [property: Id(10)] string? PublishedBy = null,
    [property: Id(11)] DateTimeOffset? PublishedAt = null,
    [property: Id(12)] ImmutableArray<string> Pending = default,
    [property: Id(13)] ImmutableArray<string> Delivered = default);

/// <summary>What central command decided, as a child incident records it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Command.CentralDecision")]
public sealed record CentralDecision(
    [property: Id(0)] string EventId,
    [property: Id(1)] IncidentSeverity? Severity,
    [property: Id(2)] string Message,
    [property: Id(3)] string DecidedBy,
    [property: Id(4)] bool EndsCentralCommand = false,
    [property: Id(50)] string? NewCommander = null);

/// <summary>Central command over an incident, as the incident holds it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Command.CentralCommand")]
public sealed record CentralCommand(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Commander,
    [property: Id(2)] DateTimeOffset Since);

/// <summary>Major incidents of two or more units opened within the correlation window: a candidate enterprise-wide event.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Command.EventProposal")]
public sealed record EventProposal(
    [property: Id(0)] string Id,
    [property: Id(1)] ImmutableArray<MajorIncidentNotice> Incidents,
    [property: Id(2)] DateTimeOffset ProposedAt);

[GenerateSerializer, Immutable, Alias("IncidentActors.Command.MajorIncidentNotice")]
public sealed record MajorIncidentNotice(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string BusinessUnitId,
    [property: Id(2)] string Title,
    [property: Id(3)] DateTimeOffset DeclaredAt);
