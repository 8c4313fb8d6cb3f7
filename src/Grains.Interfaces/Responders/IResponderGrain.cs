using System.Collections.Immutable;
using IncidentActors.Deadlines;
using Orleans.Concurrency;

namespace IncidentActors.Responders;

/// <summary>A person who can be paged, keyed by responder id: contact channels and the notification log.</summary>
[Alias("IncidentActors.Responders.IResponderGrain")]
public interface IResponderGrain : IDeadlineOwner
{
    /// <summary>Stores the definition, its webhook secrets encrypted; returns it as <see cref="Get"/> would.</summary>
    [Alias("Define")]
    Task<ResponderDefinition> Define(ResponderDefinition definition, CancellationToken cancellationToken = default);

    /// <summary>The definition without its webhooks' secrets.</summary>
    [Alias("Get")]
    Task<ResponderDefinition> Get(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the page and starts its delivery on every channel. A page whose idempotency key is
    /// already in the log changes nothing: retried and failed-over escalation steps page once.
    /// </summary>
    [Alias("Page")]
    Task<NotificationRecord> Page(Page page, CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks this responder's pages for the incident acknowledged. The incident is the record of
    /// truth; this is the responder's own view of it, so it is sent without waiting.
    /// </summary>
    [Alias("RecordAcknowledgement")]
    Task RecordAcknowledgement(string incidentId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// The responder's page stream client confirms it received the page: its stream delivery counts as delivered from
    /// now on (until then it is pending, sent again to live streams on the retry schedule and to each stream that
    /// connects). Confirming again changes nothing; a page whose stream delivery settled otherwise is refused.
    /// </summary>
    [Alias("AcknowledgeStreamDelivery")]
    Task<NotificationRecord> AcknowledgeStreamDelivery(string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>The most recent pages first.</summary>
    [Alias("Notifications")]
    Task<ImmutableArray<NotificationRecord>> Notifications(int limit, CancellationToken cancellationToken = default);

    [Alias("Subscribe")]
    Task Subscribe(IPageObserver observer, CancellationToken cancellationToken = default);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IPageObserver observer, CancellationToken cancellationToken = default);
}
