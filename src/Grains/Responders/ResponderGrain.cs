using System.Collections.Immutable;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;
using Orleans.Utilities;

namespace IncidentActors.Responders;

/// <summary>
/// A person's pages. A page is stored before any delivery starts; webhook deliveries then run as
/// durable deadlines (one per page), so retries continue on another silo after a failure and a
/// delivery already confirmed is never sent again. The log of pages is stored in buckets, so that a page rewrites a
/// sixteenth of the log rather than all of its up to <see cref="MaxNotifications"/> pages.
/// </summary>
internal sealed class ResponderGrain : Grain, IResponderGrain
{
    public const string StreamChannel = "stream";
    public const int MaxNotifications = 500;
    public const int LogBuckets = 16;
    public const string LogStateName = "notifications";
    private const string DeliveryDeadlinePrefix = "deliver:";

    private readonly IPersistentState<ResponderState> _state;
    private readonly StateBuckets<NotificationLogBucket, LoggedNotification> _log;
    private long _lastSequence;
    private readonly TimeProvider _clock;
    private readonly WebhookPageSender _webhooks;
    private readonly ILogger<ResponderGrain> _logger;
    private readonly ObserverManager<IPageObserver> _watchers;

    public ResponderGrain(
        [PersistentState("responder", StorageNames.Incidents)] IPersistentState<ResponderState> state,
        [FromKeyedServices(StorageNames.Incidents)] IGrainStorage storage,
        IGrainContext context,
        TimeProvider clock,
        WebhookPageSender webhooks,
        ILogger<ResponderGrain> logger)
    {
        _state = state;
        _log = new(storage, context.GrainId, LogStateName, LogBuckets, b => b.Notifications);
        _clock = clock;
        _webhooks = webhooks;
        _logger = logger;
        _watchers = new ObserverManager<IPageObserver>(IncidentFeedGrain.SubscriptionLifetime, logger) { GetDateTime = () => clock.GetUtcNow().UtcDateTime };
    }

    private string ResponderId => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await _log.LoadBucketsAsync(cancellationToken);
        var unbucketed = _state.State.Notifications;
        if (unbucketed.Count > 0)
        {
            await _log.FoldInAsync(unbucketed.Select((record, i) => KeyValuePair.Create(record.Page.IdempotencyKey, new LoggedNotification(i, record))));
            _state.State.Notifications = [];
            await _state.WriteStateAsync(cancellationToken);
        }
        _lastSequence = _log.Values.Select(n => n.Sequence).DefaultIfEmpty(-1).Max();
    }

    public async Task<ResponderDefinition> Define(ResponderDefinition definition, CancellationToken cancellationToken = default)
    {
        ResponderValidator.Validate(ResponderId, definition);
        _state.State.Definition = definition with { Webhooks = definition.Webhooks.IsDefault ? [] : definition.Webhooks };
        await _state.WriteStateAsync(cancellationToken);
        return _state.State.Definition;
    }

    public Task<ResponderDefinition> Get(CancellationToken cancellationToken = default) =>
        Task.FromResult(_state.State.Definition ?? throw new ResourceNotFoundException("Responder", ResponderId));

    public async Task<NotificationRecord> Page(Page page, CancellationToken cancellationToken = default)
    {
        if (Find(page.IdempotencyKey) is { } known)
        {
            return known;
        }
        var now = _clock.GetUtcNow();
        var deliveries = ImmutableArray.CreateBuilder<DeliveryRecord>();
        // Watchers get the page as it is stored; a person with no live stream relies on the webhooks.
        deliveries.Add(new DeliveryRecord(StreamChannel, _watchers.Count > 0 ? DeliveryStatus.Delivered : DeliveryStatus.Failed, 1, now, null,
            _watchers.Count > 0 ? null : "no live page stream"));
        var webhooks = _state.State.Definition?.Webhooks ?? [];
        deliveries.AddRange(webhooks.Select(w => new DeliveryRecord(WebhookChannel(w), DeliveryStatus.Pending, 0, now, null, null)));
        var record = new NotificationRecord(page, deliveries.ToImmutable());

        if (webhooks.Length > 0)
        {
            await ArmDeliveryAsync(page.IdempotencyKey, now, cancellationToken);
        }
        Store(record);
        await _log.StoreChangesAsync();
        await _watchers.Notify(w => w.OnPage(page));
        _logger.LogInformation("Paged {ResponderId} for {IncidentId} ({IdempotencyKey})", ResponderId, page.IncidentId, page.IdempotencyKey);
        return record;
    }

    public async Task RecordAcknowledgement(string incidentId, DateTimeOffset at)
    {
        var unacknowledged = _log.All.Where(n => n.Value.Record.Page.IncidentId == incidentId && n.Value.Record.AcknowledgedAt is null).ToList();
        foreach (var (key, logged) in unacknowledged)
        {
            _log.Set(key, logged with { Record = logged.Record with { AcknowledgedAt = at } });
        }
        if (unacknowledged.Count > 0)
        {
            await _log.StoreChangesAsync();
        }
    }

    public Task<ImmutableArray<NotificationRecord>> Notifications(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(_log.Values.OrderByDescending(n => n.Sequence).Take(Math.Clamp(limit, 1, MaxNotifications)).Select(n => n.Record).ToImmutableArray());

    public Task Subscribe(IPageObserver observer, CancellationToken cancellationToken = default)
    {
        _watchers.Subscribe(observer, observer);
        return Task.CompletedTask;
    }

    public Task Unsubscribe(IPageObserver observer, CancellationToken cancellationToken = default)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>One round of webhook attempts for a page: each pending channel whose retry is due.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (!name.StartsWith(DeliveryDeadlinePrefix, StringComparison.Ordinal) || Find(name[DeliveryDeadlinePrefix.Length..]) is not { } record)
        {
            return;
        }
        var webhooks = _state.State.Definition?.Webhooks ?? [];
        var deliveries = record.Deliveries.ToBuilder();
        var retryAt = (DateTimeOffset?)null;
        var changed = new List<DeliveryRecord>();
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];
            var webhook = webhooks.FirstOrDefault(w => WebhookChannel(w) == delivery.Channel);
            if (delivery.Status != DeliveryStatus.Pending || webhook is null)
            {
                continue;
            }
            var attempt = delivery.Attempts + 1;
            var result = await _webhooks.SendAsync(webhook, record.Page, attempt, cancellationToken);
            var now = _clock.GetUtcNow();
            var status = result.Delivered ? DeliveryStatus.Delivered
                : result.Retryable && attempt < DeliveryBackoff.MaxAttempts ? DeliveryStatus.Pending
                : DeliveryStatus.Failed;
            deliveries[i] = new DeliveryRecord(delivery.Channel, status, attempt, now, result.HttpStatus, result.Error);
            changed.Add(deliveries[i]);
            if (status == DeliveryStatus.Pending)
            {
                var next = now + DeliveryBackoff.DelayBefore(attempt + 1);
                retryAt = retryAt is null || next < retryAt ? next : retryAt;
            }
        }
        if (changed.Count == 0)
        {
            return;
        }
        if (retryAt is { } at)
        {
            await ArmDeliveryAsync(record.Page.IdempotencyKey, at, cancellationToken);
        }
        Store(record with { Deliveries = deliveries.ToImmutable() });
        await _log.StoreChangesAsync();
        var incident = GrainFactory.GetGrain<IIncidentGrain>(record.Page.IncidentId);
        foreach (var delivery in changed)
        {
            incident.RecordDelivery(record.Page.IdempotencyKey, ResponderId, delivery).Ignore();
        }
    }

    private Task ArmDeliveryAsync(string idempotencyKey, DateTimeOffset due, CancellationToken cancellationToken) =>
        DeadlineShards.For(GrainFactory, this.GetGrainId())
            .Arm(new DeadlineEntry(this.GetGrainId(), DeliveryDeadlinePrefix + idempotencyKey, due), cancellationToken);

    private NotificationRecord? Find(string idempotencyKey) => _log.TryGetValue(idempotencyKey, out var logged) ? logged.Record : null;

    private void Store(NotificationRecord record)
    {
        var key = record.Page.IdempotencyKey;
        if (_log.TryGetValue(key, out var logged))
        {
            _log.Set(key, logged with { Record = record });
            return;
        }
        _log.Set(key, new LoggedNotification(++_lastSequence, record));
        if (_log.Total > MaxNotifications)
        {
            // Forget the oldest page that has nothing left to deliver.
            var oldestFirst = _log.All.OrderBy(n => n.Value.Sequence).ToList();
            var forgotten = oldestFirst.FirstOrDefault(n => n.Value.Record.Deliveries.All(d => d.Status != DeliveryStatus.Pending), oldestFirst[0]);
            _log.Remove(forgotten.Key);
        }
    }

    private static string WebhookChannel(WebhookContact webhook) => "webhook:" + webhook.Url;
}
