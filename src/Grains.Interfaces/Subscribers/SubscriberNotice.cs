using IncidentActors.Responders;

namespace IncidentActors.Subscribers;

[GenerateSerializer, Alias("IncidentActors.Subscribers.NoticeKind")]
public enum NoticeKind
{
    /// <summary>The incident's public status changed, or the subscriber first hears of it.</summary>
    Status = 0,
    UpdatePublished = 1,
    UpdateEdited = 2,
}

/// <summary>
/// One notice to one subscriber and how its delivery went. <see cref="Key"/> (incident and the change it tells of) is
/// what makes it idempotent: a notice already logged under its key is never queued again, and receivers see the key
/// as <c>Idempotency-Key</c> and in the email's Message-ID.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Subscribers.SubscriberNotice")]
public sealed record SubscriberNotice(
    [property: Id(0)] string Key,
    [property: Id(1)] string SubscriberId,
    [property: Id(2)] string IncidentId,
    [property: Id(3)] NoticeKind Kind,
    [property: Id(4)] string Subject,
    [property: Id(5)] string Text,
    [property: Id(6)] DateTimeOffset CreatedAt,
    [property: Id(7)] DeliveryStatus Status,
    [property: Id(8)] int Attempts,
    [property: Id(9)] DateTimeOffset? NextAttemptAt,
    [property: Id(10)] int? HttpStatus = null,
    [property: Id(11)] string? Error = null,
    [property: Id(12)] Communications.PublicStatus PublicStatus = Communications.PublicStatus.Investigating);
