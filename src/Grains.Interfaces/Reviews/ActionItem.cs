using System.Collections.Immutable;

namespace IncidentActors.Reviews;

/// <summary>Numbers are stored: never renumber.</summary>
[GenerateSerializer]
public enum ActionItemKind
{
    ImmediateFix = 1,
    ArchitecturalChange = 2,
    ProcessImprovement = 3,
}

/// <summary>Open until someone other than its owner verifies it done; effective once it proved itself. Stored numbers.</summary>
[GenerateSerializer]
public enum ActionItemStatus
{
    Open = 1,
    Done = 2,
    Effective = 3,
}

/// <summary>What a person asks for when adding an action item.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ActionItemDraft")]
public sealed record ActionItemDraft(
    [property: Id(0)] ActionItemKind Kind,
    [property: Id(1)] string Title,
    [property: Id(2)] string Owner,
    [property: Id(3)] DateTimeOffset DueAt,
    [property: Id(4)] string VerificationCriteria);

/// <param name="ReopenedBy">Incidents whose review shared this item's factors and service after it was marked effective.</param>
/// <param name="NextNagAt">When its owner (and later the unit) is next reminded while it is open and overdue.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ActionItem")]
public sealed record ActionItem(
    [property: Id(0)] int Number,
    [property: Id(1)] ActionItemKind Kind,
    [property: Id(2)] string Title,
    [property: Id(3)] string Owner,
    [property: Id(4)] DateTimeOffset DueAt,
    [property: Id(5)] string VerificationCriteria,
    [property: Id(6)] ActionItemStatus Status,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string CreatedBy,
    [property: Id(9)] string? VerifiedBy = null,
    [property: Id(10)] DateTimeOffset? VerifiedAt = null,
    [property: Id(11)] string? Evidence = null,
    [property: Id(12)] DateTimeOffset? EffectiveAt = null,
    [property: Id(13)] string? EffectiveBy = null,
    [property: Id(14)] ImmutableArray<string> ReopenedBy = default,
    [property: Id(15)] int Nags = 0,
    [property: Id(16)] DateTimeOffset? NextNagAt = null,
    [property: Id(17)] TrackerLink? Tracker = null);

/// <summary>
/// The item's issue in the unit's tracker: the key and status the tracker answered, and a sync waiting for delivery
/// (<see cref="Attempts"/> made so far, retried on a durable deadline) or given up (<see cref="Error"/>).
/// </summary>
/// <param name="Sync">Counts the changes sent: the attempts at one change share an idempotency key, the next change gets its own.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.TrackerLink")]
public sealed record TrackerLink(
    [property: Id(0)] string? Key,
    [property: Id(1)] string? Status,
    [property: Id(2)] bool SyncPending,
    [property: Id(3)] int Attempts,
    [property: Id(4)] DateTimeOffset? SyncedAt,
    [property: Id(5)] string? Error,
    [property: Id(6)] int Sync = 0);
