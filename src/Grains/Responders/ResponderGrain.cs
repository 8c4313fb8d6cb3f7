using System.Collections.Immutable;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Metrics;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace IncidentActors.Responders;

/// <summary>
/// A person's pages. A page is stored before any delivery starts; webhook deliveries then run as
/// durable deadlines (one per page), so retries continue on another silo after a failure and a
/// delivery already confirmed is never sent again. Each receipt is stored here first, then reported to the incident
/// until the incident has stored it.
/// </summary>
internal sealed class ResponderGrain : Grain, IResponderGrain
{
    public const string StreamChannel = "stream";
    public const int MaxNotifications = 500;
    private const string DeliveryDeadlinePrefix = "deliver:";
    private const string ReceiptsDeadline = "receipts";
    private const string NoStream = "no live page stream";

    private readonly IPersistentState<ResponderState> _state;
    private readonly TimeProvider _clock;
    private readonly WebhookPageSender _webhooks;
    private readonly WebhookDestinations _destinations;
    private readonly WebhookSecrets _secrets;
    private readonly IncidentActorsMetrics _metrics;
    private readonly ILogger<ResponderGrain> _logger;
    private readonly ObserverManager<IPageObserver> _watchers;
    private readonly TimeSpan _receiptRedeliveryDelay;
    private OwnedDeadlines? _deadlines;
    private Task? _reporting;
    private DateTimeOffset? _receiptsDue;
    private bool _receiptsStale;

    public ResponderGrain(
        [PersistentState("responder", StorageNames.Incidents)] IPersistentState<ResponderState> state,
        TimeProvider clock,
        WebhookPageSender webhooks,
        WebhookDestinations destinations,
        WebhookSecrets secrets,
        IOptions<IncidentOptions> incidentOptions,
        IncidentActorsMetrics metrics,
        ILogger<ResponderGrain> logger)
    {
        _metrics = metrics;
        _receiptRedeliveryDelay = incidentOptions.Value.EventRedeliveryDelay;
        _state = state;
        _clock = clock;
        _webhooks = webhooks;
        _destinations = destinations;
        _secrets = secrets;
        _logger = logger;
        _watchers = new ObserverManager<IPageObserver>(IncidentFeedGrain.SubscriptionLifetime, logger) { GetDateTime = () => clock.GetUtcNow().UtcDateTime };
    }

    private string ResponderId => this.GetPrimaryKeyString();

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    /// <summary>Secrets stored in clear by an earlier version are encrypted as soon as their responder wakes.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (_state.State.Definition is { Webhooks: { IsDefault: false } webhooks } definition && webhooks.Any(w => w.Secret.Length > 0))
        {
            Keep(definition);
            await _state.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>A webhook sent without a secret keeps the one its URL has: readers never see secrets, so they cannot send them back.</summary>
    public async Task<ResponderDefinition> Define(ResponderDefinition definition, CancellationToken cancellationToken = default)
    {
        var webhooks = definition.Webhooks.IsDefault ? [] : definition.Webhooks;
        var complete = definition with
        {
            Webhooks = [.. webhooks.Select(w => string.IsNullOrEmpty(w.Secret) && StoredSecret(w.Url) is { } kept ? w with { Secret = kept } : w)],
        };
        ResponderValidator.Validate(ResponderId, complete, _destinations);
        Keep(complete);
        await _state.WriteStateAsync(cancellationToken);
        return _state.State.Definition!;
    }

    /// <summary>Without its webhooks' secrets, which are write-only.</summary>
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
        // Watchers get the page as it is stored, and it counts as delivered once one acknowledges it; a person with no
        // live stream relies on the webhooks.
        var streaming = _watchers.Count > 0;
        deliveries.Add(new DeliveryRecord(StreamChannel, streaming ? DeliveryStatus.Pending : DeliveryStatus.Failed, 1, now, null, streaming ? null : NoStream));
        var webhooks = _state.State.Definition?.Webhooks ?? [];
        deliveries.AddRange(webhooks.Select(w => new DeliveryRecord(WebhookChannel(w), DeliveryStatus.Pending, 0, now, null, null)));
        var record = new NotificationRecord(page, deliveries.ToImmutable());

        if (webhooks.Length > 0 || streaming)
        {
            await ArmDeliveryAsync(page.IdempotencyKey, webhooks.Length > 0 ? now : now + DeliveryBackoff.DelayBefore(2), cancellationToken);
        }
        Store(record);
        await _state.WriteStateAsync(cancellationToken);
        _metrics.DeliveriesSettled(record.Deliveries);
        await _watchers.Notify(w => w.OnPage(page));
        if (page.Notice is { } notice)
        {
            _logger.LogInformation("Sent {ResponderId} a {Kind} notice of rotation {RotationId} ({IdempotencyKey})", ResponderId, notice.Kind, notice.RotationId, page.IdempotencyKey);
        }
        else
        {
            _logger.LogInformation("Paged {ResponderId} for {IncidentId} ({IdempotencyKey})", ResponderId, page.IncidentId, page.IdempotencyKey);
        }
        return record;
    }

    public async Task<NotificationRecord> AcknowledgeStreamDelivery(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(idempotencyKey))
        {
            throw new InvalidRequestException("idempotency_key", "must name a page.");
        }
        var record = Find(idempotencyKey) ?? throw new ResourceNotFoundException("Page", idempotencyKey);
        var index = record.Deliveries.Select(d => d.Channel).ToList().IndexOf(StreamChannel);
        var stream = index >= 0 ? record.Deliveries[index] : null;
        if (stream?.Status == DeliveryStatus.Delivered)
        {
            return record;
        }
        if (stream?.Status != DeliveryStatus.Pending)
        {
            throw new IllegalTransitionException($"Page '{idempotencyKey}' awaits no acknowledgement from a page stream: its stream delivery is {stream?.Status.ToString().ToLowerInvariant() ?? "missing"}.");
        }
        var delivered = stream with { Status = DeliveryStatus.Delivered, At = _clock.GetUtcNow(), Error = null };
        var acknowledged = record with { Deliveries = record.Deliveries.SetItem(index, delivered) };
        await StoreReceiptsAsync(acknowledged, [delivered], cancellationToken);
        return acknowledged;
    }

    public async Task RecordAcknowledgement(string incidentId, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var log = _state.State.Notifications;
        var acknowledged = 0;
        for (var i = 0; i < log.Count; i++)
        {
            if (log[i].Page.IncidentId == incidentId && log[i].AcknowledgedAt is null)
            {
                log[i] = log[i] with { AcknowledgedAt = at };
                acknowledged++;
            }
        }
        if (acknowledged > 0)
        {
            await _state.WriteStateAsync();
        }
    }

    public Task<ImmutableArray<NotificationRecord>> Notifications(int limit, CancellationToken cancellationToken = default) =>
        Task.FromResult(_state.State.Notifications.AsEnumerable().Reverse().Take(Math.Clamp(limit, 1, MaxNotifications)).ToImmutableArray());

    /// <summary>
    /// A stream that connects (rather than renews) gets every page still awaiting a stream's acknowledgement, oldest
    /// first: a client that lost its stream before acknowledging gets them again on reconnecting.
    /// </summary>
    public async Task Subscribe(IPageObserver observer, CancellationToken cancellationToken = default)
    {
        var connecting = !_watchers.Observers.ContainsKey(observer);
        _watchers.Subscribe(observer, observer);
        if (connecting)
        {
            foreach (var record in _state.State.Notifications.Where(n => n.Deliveries.Any(d => d.Channel == StreamChannel && d.Status == DeliveryStatus.Pending)))
            {
                await observer.OnPage(record.Page);
            }
        }
    }

    public Task Unsubscribe(IPageObserver observer, CancellationToken cancellationToken = default)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// One round of attempts for a page: each pending webhook, and the stream delivery when its client has not
    /// acknowledged it within its retry's wait (sent again to the live streams).
    /// </summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (name == ReceiptsDeadline)
        {
            await OnReceiptsDeadlineAsync(cancellationToken);
            return;
        }
        if (!name.StartsWith(DeliveryDeadlinePrefix, StringComparison.Ordinal) || Find(name[DeliveryDeadlinePrefix.Length..]) is not { } record)
        {
            return;
        }
        var webhooks = _state.State.Definition?.Webhooks ?? [];
        var startedAt = _clock.GetUtcNow();
        var streamDue = record.Deliveries.FirstOrDefault(d => d.Channel == StreamChannel && d.Status == DeliveryStatus.Pending) is { } pendingStream
            ? StreamRetryAt(pendingStream) : (DateTimeOffset?)null;
        var cancelled = await RetriesCancelledAsync(record, streamDue <= startedAt, cancellationToken);
        var deliveries = record.Deliveries.ToBuilder();
        var retryAt = streamDue > startedAt ? streamDue : null;
        var changed = new List<DeliveryRecord>();
        var resend = false;
        for (var i = 0; i < deliveries.Count; i++)
        {
            var delivery = deliveries[i];
            var webhook = webhooks.FirstOrDefault(w => WebhookChannel(w) == delivery.Channel);
            var isStream = delivery.Channel == StreamChannel;
            if (delivery.Status != DeliveryStatus.Pending || webhook is null && !isStream || isStream && streamDue > startedAt)
            {
                continue;
            }
            if (cancelled is not null)
            {
                deliveries[i] = delivery with { Status = DeliveryStatus.Cancelled, At = _clock.GetUtcNow(), HttpStatus = null, Error = cancelled };
                changed.Add(deliveries[i]);
                continue;
            }
            var attempt = delivery.Attempts + 1;
            var result = isStream ? StreamAttempt()
                : StoredSecret(webhook!.Url) is { } secret ? await _webhooks.SendAsync(webhook with { Secret = secret }, record.Page, attempt, cancellationToken)
                : new DeliveryAttempt(Delivered: false, Retryable: false, null, "webhook secret unreadable: define the webhook again");
            var now = _clock.GetUtcNow();
            // A stream attempt is never delivered until acknowledged: it stays pending while attempts remain.
            var status = result.Delivered ? DeliveryStatus.Delivered
                : result.Retryable && attempt < DeliveryBackoff.MaxAttempts ? DeliveryStatus.Pending
                : DeliveryStatus.Failed;
            var error = isStream && status == DeliveryStatus.Failed ? result.Error ?? "not acknowledged" : result.Error;
            deliveries[i] = new DeliveryRecord(delivery.Channel, status, attempt, now, result.HttpStatus, error);
            changed.Add(deliveries[i]);
            resend |= isStream && result.Error is null && status == DeliveryStatus.Pending;
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
        await StoreReceiptsAsync(record with { Deliveries = deliveries.ToImmutable() }, changed, cancellationToken);
        if (resend)
        {
            await _watchers.Notify(w => w.OnPage(record.Page));
        }
    }

    /// <summary>
    /// Stores a page's changed deliveries and reports them to its incident; a shift notice concerns none, so its
    /// receipts stay in the notification log.
    /// </summary>
    private async Task StoreReceiptsAsync(NotificationRecord record, IReadOnlyList<DeliveryRecord> changed, CancellationToken cancellationToken)
    {
        var incidentPage = record.Page.Notice is null;
        if (incidentPage)
        {
            await ArmReceiptsAsync(cancellationToken);
        }
        Store(record);
        if (incidentPage)
        {
            _state.State.UnreportedReceipts.AddRange(changed.Select(d => new DeliveryReceipt(record.Page.IncidentId, record.Page.IdempotencyKey, d)));
        }
        await _state.WriteStateAsync(cancellationToken);
        _metrics.DeliveriesSettled(changed);
        ReportReceipts();
    }

    /// <summary>Sending again to the live streams; with none, the attempt counts and fails, and a stream that connects gets the page.</summary>
    private DeliveryAttempt StreamAttempt() =>
        _watchers.Count > 0 ? new DeliveryAttempt(Delivered: false, Retryable: true, null, null) : new DeliveryAttempt(Delivered: false, Retryable: true, null, NoStream);

    /// <summary>When an unacknowledged stream delivery is sent again: after the backoff's wait for its next attempt.</summary>
    private static DateTimeOffset StreamRetryAt(DeliveryRecord stream) => stream.At + DeliveryBackoff.DelayBefore(stream.Attempts + 1);

    /// <summary>Armed before the receipts are stored, so that a silo dying before reporting them leaves them to a survivor.</summary>
    private async Task ArmReceiptsAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (_receiptsDue > now)
        {
            return;
        }
        var due = now + _receiptRedeliveryDelay;
        await Deadlines.ArmAsync(ReceiptsDeadline, due, cancellationToken);
        _receiptsDue = due;
    }

    /// <summary>Reports what is still owed, again later if needed; once all is reported, stores that nothing is.</summary>
    private async Task OnReceiptsDeadlineAsync(CancellationToken cancellationToken)
    {
        _receiptsDue = null;
        if (_state.State.UnreportedReceipts.Count > 0)
        {
            await ArmReceiptsAsync(cancellationToken);
            ReportReceipts();
        }
        else if (_receiptsStale)
        {
            await _state.WriteStateAsync(cancellationToken);
            _receiptsStale = false;
        }
    }

    private void ReportReceipts()
    {
        if (_reporting is null or { IsCompleted: true } && _state.State.UnreportedReceipts.Count > 0)
        {
            _reporting = ReportReceiptsAsync();
        }
    }

    /// <summary>
    /// Runs beside this grain's turns, not inside one: the incident may be waiting on this responder for a page, so a
    /// turn waiting on the incident could wedge both. A receipt leaves the list once the incident stored it; the list
    /// is stored again by the receipts deadline, and until then a reactivation reports it again, which the incident ignores.
    /// </summary>
    private async Task ReportReceiptsAsync()
    {
        try
        {
            foreach (var receipt in _state.State.UnreportedReceipts.ToArray())
            {
                await GrainFactory.GetGrain<IIncidentGrain>(receipt.IncidentId).RecordDelivery(receipt.IdempotencyKey, ResponderId, receipt.Delivery);
                _state.State.UnreportedReceipts.Remove(receipt);
                _receiptsStale = true;
            }
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Reporting delivery receipts of {ResponderId} failed; its receipts deadline reports them again", ResponderId);
        }
    }

    /// <summary>
    /// Before a retry (rare: a first attempt goes out without asking), whether the incident still wants the page;
    /// the reason the retries stop, or null. A reminder is wanted whatever the incident's state, and a shift notice concerns
    /// no incident, so nobody is asked.
    /// </summary>
    private async Task<string?> RetriesCancelledAsync(NotificationRecord record, bool streamDue, CancellationToken cancellationToken)
    {
        if (record.Page.Reminder || record.Page.Notice is not null
            || !record.Deliveries.Any(d => d.Status == DeliveryStatus.Pending && d.Attempts > 0 && (d.Channel != StreamChannel || streamDue)))
        {
            return null;
        }
        var incident = await GrainFactory.GetGrain<IIncidentGrain>(record.Page.IncidentId).GetResponseState(cancellationToken);
        return DeliveryBackoff.CancelledBy(incident, record.Page.PagedAt);
    }

    private Task ArmDeliveryAsync(string idempotencyKey, DateTimeOffset due, CancellationToken cancellationToken) =>
        Deadlines.ArmAsync(DeliveryDeadlinePrefix + idempotencyKey, due, cancellationToken);

    private NotificationRecord? Find(string idempotencyKey) =>
        _state.State.Notifications.FindLast(n => n.Page.IdempotencyKey == idempotencyKey);

    private void Store(NotificationRecord record)
    {
        var log = _state.State.Notifications;
        var index = log.FindIndex(n => n.Page.IdempotencyKey == record.Page.IdempotencyKey);
        if (index >= 0)
        {
            log[index] = record;
            return;
        }
        log.Add(record);
        if (log.Count > MaxNotifications)
        {
            // Forget the oldest page that has nothing left to deliver.
            var settled = log.FindIndex(n => n.Deliveries.All(d => d.Status != DeliveryStatus.Pending));
            log.RemoveAt(settled >= 0 ? settled : 0);
        }
    }

    /// <summary>Stores the definition without its secrets, and the secrets encrypted beside it.</summary>
    private void Keep(ResponderDefinition definition)
    {
        var secrets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var webhook in definition.Webhooks)
        {
            secrets[webhook.Url] = _secrets.Protect(webhook.Secret);
        }
        _state.State.ProtectedSecrets = secrets;
        _state.State.Definition = definition with { Webhooks = [.. definition.Webhooks.Select(w => w with { Secret = "" })] };
    }

    /// <summary>The secret of the stored webhook with this URL; null when there is none, or its keys are gone.</summary>
    private string? StoredSecret(string url) =>
        _state.State.ProtectedSecrets.TryGetValue(url, out var protectedSecret) ? _secrets.Unprotect(protectedSecret) : null;

    private static string WebhookChannel(WebhookContact webhook) => "webhook:" + webhook.Url;
}
