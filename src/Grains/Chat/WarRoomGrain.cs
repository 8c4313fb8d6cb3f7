using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Chat;

/// <summary>
/// Opens one major incident's war room, keyed by the incident's id, on its own durable deadline <c>war-room</c>, so that
/// a slow or failing receiver never holds up the incident and a silo crash loses nothing: the deadline wakes it for
/// each attempt (retried after 2, 4, 8, … s, capped at 5 minutes, until the room opens, the receiver refuses for good
/// or the incident is resolved) and once more when the unit's target passes, when a room still missing is reported to
/// the incident. Every attempt carries the same idempotency key; the incident keeps the first room it is told of.
/// </summary>
internal sealed class WarRoomGrain(
    [PersistentState("warRoom", StorageNames.Incidents)] IPersistentState<WarRoomState> state,
    WarRoomSender sender,
    WebhookSecrets secrets,
    TimeProvider clock,
    ILogger<WarRoomGrain> logger) : Grain, IWarRoomGrain
{
    public const string Deadline = "war-room";

    private OwnedDeadlines? _deadlines;

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    private WarRoomState State => state.State;

    private string IncidentId => this.GetPrimaryKeyString();

    private IIncidentGrain Incident => GrainFactory.GetGrain<IIncidentGrain>(IncidentId);

    public async Task Open(string businessUnitId, DateTimeOffset declaredAt, CancellationToken cancellationToken = default)
    {
        if (State.BusinessUnitId is not null
            || (await GrainFactory.GetGrain<IUnitChatGrain>(businessUnitId).Get(cancellationToken)).WarRoom is not { } webhook)
        {
            return;
        }
        var now = clock.GetUtcNow();
        // Armed before the write: a crash in between leaves a deadline this grain ignores, never a provisioning nobody wakes.
        await Deadlines.ArmAsync(Deadline, now, cancellationToken);
        State.BusinessUnitId = businessUnitId;
        State.DeclaredAt = declaredAt;
        State.Target = webhook.Target;
        State.NextAttemptAt = now;
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>Stored first and armed after: the fired deadline stays in its shard until this returns, and fires again after a crash.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (name != Deadline || State.BusinessUnitId is null)
        {
            return;
        }
        if (State.NextAttemptAt <= clock.GetUtcNow())
        {
            await AttemptAsync(cancellationToken);
        }
        var targetAt = State.DeclaredAt + State.Target;
        if (!State.Opened && !State.OverdueReported && clock.GetUtcNow() >= targetAt)
        {
            await Incident.RecordWarRoomOverdue(State.Target, State.LastError, cancellationToken);
            State.OverdueReported = true;
        }
        await state.WriteStateAsync(cancellationToken);
        var next = new[] { State.NextAttemptAt, State.Opened || State.OverdueReported ? null : targetAt }.Min();
        if (next is { } at)
        {
            await Deadlines.ArmAsync(Deadline, at, cancellationToken);
        }
    }

    private async Task AttemptAsync(CancellationToken cancellationToken)
    {
        IncidentView incident;
        try
        {
            incident = await Incident.Get(cancellationToken);
        }
        catch (Exception e) when (e is IllegalTransitionException or ResourceNotFoundException)
        {
            Stop("incident archived or gone");
            return;
        }
        if (incident.WarRoom is not null)
        {
            // Recorded before a crash kept this grain from storing it.
            State.Opened = true;
            Stop(null);
            return;
        }
        if (incident.Status == IncidentStatus.Resolved)
        {
            Stop("incident resolved");
            return;
        }
        // Backoff counts from the attempt's start, so that a slow receiver does not stretch the wait before the next one.
        var attemptedAt = clock.GetUtcNow();
        var webhook = (await GrainFactory.GetGrain<IUnitChatGrain>(State.BusinessUnitId!).Get(cancellationToken)).WarRoom;
        var secret = webhook is null ? null : secrets.Unprotect(webhook.Secret);
        var reply = webhook is null ? new WarRoomReply(null, null, "war-room webhook removed", Retryable: false)
            : secret is null ? new WarRoomReply(null, null, "war-room secret unreadable", Retryable: false)
            : await sender.SendAsync(webhook, secret, incident, cancellationToken);
        State.Attempts++;
        var now = clock.GetUtcNow();
        if (reply.Url is { } url)
        {
            await Incident.RecordWarRoom(new WarRoom(url, reply.Channel, now, now - State.DeclaredAt, State.Target), cancellationToken);
            State.Opened = true;
            Stop(null);
            return;
        }
        State.LastError = reply.Error;
        State.NextAttemptAt = reply.Retryable ? attemptedAt + DeliveryBackoff.DelayBefore(State.Attempts + 1) : null;
        logger.LogWarning("War room of {IncidentId} not opened (attempt {Attempt}): {Error}", IncidentId, State.Attempts, reply.Error);
    }

    private void Stop(string? why)
    {
        State.NextAttemptAt = null;
        State.LastError = why ?? State.LastError;
    }
}
