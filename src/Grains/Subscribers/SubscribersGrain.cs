using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Subscribers;

/// <summary>
/// A unit's subscribers and their outbox. Notices are stored before anything is sent, and sent from the unit's
/// <c>subscriber-notice</c> deadline (armed before the notices are stored), so a silo dying at any point leaves them to
/// a survivor; a notice is logged under its key once, and sent until it is delivered or its retries run out.
/// </summary>
internal sealed class SubscribersGrain(
    [PersistentState("subscribers", StorageNames.Incidents)] IPersistentState<SubscribersState> state,
    TimeProvider clock,
    WebhookPageSender webhooks,
    WebhookDestinations destinations,
    WebhookSecrets secrets,
    ILogger<SubscribersGrain> logger) : Grain, ISubscribersGrain, IUnitScoped
{
    public const string NoticeDeadline = "subscriber-notice";
    public const int MaxNoticesPerSubscriber = 200;
    public const int MaxTrackedIncidents = 1000;

    private OwnedDeadlines? _deadlines;
    private DateTimeOffset? _armedFor;

    private string BusinessUnitId => this.GetPrimaryKeyString();

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    private SubscribersState S => state.State;

    public ValueTask<GrainScope?> ScopeAsync() => ValueTask.FromResult<GrainScope?>(new(BusinessUnitId));

    /// <summary>An email channel sent without a secret keeps the one stored for the subscriber: readers never see it.</summary>
    public async Task<Subscriber> Define(Subscriber subscriber, CancellationToken cancellationToken = default)
    {
        var complete = subscriber is { Email: { Secret: "" } email } && StoredSecret(subscriber.Id) is { } kept
            ? subscriber with { Email = email with { Secret = kept } }
            : subscriber;
        SubscriberRules.Validate(complete, destinations);
        if (complete.Email is { } channel)
        {
            S.ProtectedSecrets[complete.Id] = secrets.Protect(channel.Secret);
        }
        else
        {
            S.ProtectedSecrets.Remove(complete.Id);
        }
        S.Subscribers[complete.Id] = WithoutSecret(complete);
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Defined subscriber {SubscriberId} of {BusinessUnitId}", complete.Id, BusinessUnitId);
        return S.Subscribers[complete.Id];
    }

    public async Task<bool> Remove(string subscriberId, CancellationToken cancellationToken = default)
    {
        if (!S.Subscribers.Remove(subscriberId))
        {
            return false;
        }
        S.ProtectedSecrets.Remove(subscriberId);
        S.Notices.RemoveAll(n => n.SubscriberId == subscriberId && n.Status == DeliveryStatus.Pending);
        await state.WriteStateAsync(cancellationToken);
        return true;
    }

    public Task<ImmutableArray<Subscriber>> List(CancellationToken cancellationToken = default) =>
        Task.FromResult(S.Subscribers.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToImmutableArray());

    public Task<ImmutableArray<SubscriberNotice>> Deliveries(string subscriberId, int limit, CancellationToken cancellationToken = default) =>
        S.Subscribers.ContainsKey(subscriberId)
            ? Task.FromResult(S.Notices.Where(n => n.SubscriberId == subscriberId).Reverse().Take(Math.Clamp(limit, 1, MaxNoticesPerSubscriber)).ToImmutableArray())
            : throw new ResourceNotFoundException("Subscriber", $"{BusinessUnitId}/{subscriberId}");

    /// <summary>Incidents that never published anything are not kept: nothing about them is owed to anyone.</summary>
    public async Task Apply(ImmutableArray<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var changed = false;
        foreach (var e in events)
        {
            if (!S.Incidents.TryGetValue(e.IncidentId, out var tracked))
            {
                if (e.Data is not UpdatePublished)
                {
                    continue;
                }
                S.Incidents[e.IncidentId] = tracked = new TrackedIncident();
            }
            if (e.Sequence <= tracked.Sequence)
            {
                continue;
            }
            Queue(SubscriberRules.OnEvent(tracked, e, S.Subscribers.Values, now));
            changed = true;
        }
        if (!changed)
        {
            return;
        }
        ForgetOldIncidents();
        await ArmAsync(cancellationToken);
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>Tells those whose minimum duration passed, then sends what is due; stored first, armed again after.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (name != NoticeDeadline)
        {
            return;
        }
        _armedFor = null;
        var now = clock.GetUtcNow();
        foreach (var (incidentId, tracked) in S.Incidents)
        {
            Queue(SubscriberRules.OnDurationsPassed(incidentId, tracked, S.Subscribers.Values, now));
        }
        for (var i = 0; i < S.Notices.Count; i++)
        {
            if (S.Notices[i] is { Status: DeliveryStatus.Pending, NextAttemptAt: { } at } notice && at <= now)
            {
                S.Notices[i] = await DeliverAsync(notice, cancellationToken);
            }
        }
        await state.WriteStateAsync(cancellationToken);
        await ArmAsync(cancellationToken);
    }

    private void Queue(ImmutableArray<SubscriberNotice> notices)
    {
        foreach (var notice in notices.Where(n => !S.Notices.Exists(k => k.SubscriberId == n.SubscriberId && k.Key == n.Key)))
        {
            S.Notices.Add(notice);
            if (S.Notices.Count(n => n.SubscriberId == notice.SubscriberId) > MaxNoticesPerSubscriber)
            {
                // Forget the subscriber's oldest settled notice; its key is older than anything still redelivered.
                var settled = S.Notices.FindIndex(n => n.SubscriberId == notice.SubscriberId && n.Status != DeliveryStatus.Pending);
                if (settled >= 0)
                {
                    S.Notices.RemoveAt(settled);
                }
            }
        }
    }

    private async Task<SubscriberNotice> DeliverAsync(SubscriberNotice notice, CancellationToken cancellationToken)
    {
        if (!S.Subscribers.TryGetValue(notice.SubscriberId, out var subscriber))
        {
            return notice with { Status = DeliveryStatus.Cancelled, NextAttemptAt = null, Error = "subscriber removed" };
        }
        var attempt = notice.Attempts + 1;
        var result = subscriber switch
        {
            { Email: { } email } => StoredSecret(subscriber.Id) is { } secret
                ? await webhooks.PostAsync(new WebhookContact(email.Url, secret), $"{notice.Key}/{notice.SubscriberId}",
                    EmailNotices.Payload(BusinessUnitId, notice, email, attempt), attempt, cancellationToken)
                : new DeliveryAttempt(Delivered: false, Retryable: false, null, "email secret unreadable: define the subscriber again"),
            { ResponderId: { } responder } => await PageAsync(responder, notice, cancellationToken),
            _ => new DeliveryAttempt(Delivered: false, Retryable: false, null, "no channel"),
        };
        var now = clock.GetUtcNow();
        var retry = !result.Delivered && result.Retryable && attempt < DeliveryBackoff.MaxAttempts;
        return notice with
        {
            Status = result.Delivered ? DeliveryStatus.Delivered : retry ? DeliveryStatus.Pending : DeliveryStatus.Failed,
            Attempts = attempt,
            NextAttemptAt = retry ? now + DeliveryBackoff.DelayBefore(attempt + 1) : null,
            HttpStatus = result.HttpStatus,
            Error = result.Error,
        };
    }

    /// <summary>Through the responder's own channels; the responder keeps the page by key, so a repeat pages nobody twice.</summary>
    private async Task<DeliveryAttempt> PageAsync(string responderId, SubscriberNotice notice, CancellationToken cancellationToken)
    {
        var severity = S.Incidents.GetValueOrDefault(notice.IncidentId)?.Summary?.Severity ?? Alerts.AlertSeverity.Info;
        try
        {
            await GrainFactory.GetGrain<IResponderGrain>(responderId).Page(new Page($"{notice.Key}/{notice.SubscriberId}", notice.IncidentId, responderId,
                notice.Subject, severity, 0, 0, notice.Text, notice.CreatedAt, Reminder: true), cancellationToken);
            return new DeliveryAttempt(Delivered: true, Retryable: false, null, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Paging {ResponderId} with notice {NoticeKey} failed", responderId, notice.Key);
            return new DeliveryAttempt(Delivered: false, Retryable: true, null, "page failed");
        }
    }

    /// <summary>At the earliest of a pending notice's next attempt and a minimum duration about to pass; armed once per time.</summary>
    private async Task ArmAsync(CancellationToken cancellationToken)
    {
        var next = S.Notices.Where(n => n.Status == DeliveryStatus.Pending).Select(n => n.NextAttemptAt)
            .Concat(S.Incidents.Values.Select(t => SubscriberRules.NextDurationDue(t, S.Subscribers.Values)))
            .Min();
        if (next is { } due && due != _armedFor)
        {
            await Deadlines.ArmAsync(NoticeDeadline, due, cancellationToken);
            _armedFor = due;
        }
    }

    /// <summary>Resolved incidents leave first, oldest first, once there are more than the unit keeps.</summary>
    private void ForgetOldIncidents()
    {
        var excess = S.Incidents.Count - MaxTrackedIncidents;
        if (excess <= 0)
        {
            return;
        }
        foreach (var id in S.Incidents.Where(i => i.Value.Summary?.PublicStatus == Communications.PublicStatus.Resolved)
                     .OrderBy(i => i.Value.Summary!.UpdatedAt).Take(excess).Select(i => i.Key).ToList())
        {
            S.Incidents.Remove(id);
        }
    }

    private string? StoredSecret(string subscriberId) =>
        S.ProtectedSecrets.TryGetValue(subscriberId, out var protectedSecret) ? secrets.Unprotect(protectedSecret) : null;

    private static Subscriber WithoutSecret(Subscriber subscriber) =>
        subscriber.Email is { } email ? subscriber with { Email = email with { Secret = "" } } : subscriber;
}
