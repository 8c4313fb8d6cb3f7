using System.Collections.Immutable;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.OnCall;

internal sealed class OnCallRotationGrain(
    [PersistentState("rotation", StorageNames.Incidents)] IPersistentState<RotationState> state,
    TimeProvider clock,
    ILogger<OnCallRotationGrain> logger) : Grain, IOnCallRotationGrain
{
    private const string HandoverDeadline = "handover";
    private const string ShiftBoundaryDeadline = "shift-boundary";

    private OwnedDeadlines? _deadlines;

    private string RotationId => this.GetPrimaryKeyString();

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    public async Task<RotationView> Define(RotationDefinition definition, CancellationToken cancellationToken = default)
    {
        RotationValidator.Validate(RotationId, definition);
        var now = clock.GetUtcNow();
        state.State.History = RotationHistory.Apply(state.State.History, Normalized(definition), now);
        await ArmNextHandoverAsync(now, cancellationToken);
        await ArmShiftNoticesAsync(NextShiftNotices(now), cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Rotation {RotationId} changed, effective {EffectiveFrom}", RotationId, state.State.History[^1].EffectiveFrom);
        return View();
    }

    public Task<RotationView> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public Task<Shift?> OnCallAt(DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.History.IsDefaultOrEmpty ? null : OnCallSchedule.OnCallAt(state.State.History, at));

    public Task<ImmutableArray<Shift>> NextShifts(DateTimeOffset from, int count, CancellationToken cancellationToken = default)
    {
        if (count is < 1 or > 200)
        {
            throw new InvalidRequestException("count", "must be between 1 and 200.");
        }
        RequireDefined();
        return Task.FromResult(OnCallSchedule.NextShifts(state.State.History, from, count));
    }

    public async Task Track(string incidentId, CancellationToken cancellationToken = default)
    {
        if (state.State.CommandedIncidents.Add(incidentId))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task Untrack(string incidentId, CancellationToken cancellationToken = default)
    {
        if (state.State.CommandedIncidents.Remove(incidentId))
        {
            await state.WriteStateAsync();
        }
    }

    /// <summary>At a shift boundary, every commanded incident is handed to whoever is on call now.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (name == ShiftBoundaryDeadline)
        {
            await OnShiftBoundaryAsync(due, cancellationToken);
            return;
        }
        var now = clock.GetUtcNow();
        if (name != HandoverDeadline || state.State.NextHandoverAt != due || now < due)
        {
            return;
        }
        var history = state.State.History;
        var outgoing = OnCallSchedule.OnCallAt(history, due - TimeSpan.FromTicks(1));
        if (OnCallSchedule.OnCallAt(history, due) is { } incoming)
        {
            var handover = new Handover(RotationId, outgoing?.ResponderId, incoming.ResponderId, incoming.Region, due);
            // One at a time: each is quick, and a failure leaves the rest for the retry of this deadline.
            foreach (var incidentId in state.State.CommandedIncidents.ToList())
            {
                if (!await GrainFactory.GetGrain<IIncidentGrain>(incidentId).HandOver(handover, cancellationToken))
                {
                    state.State.CommandedIncidents.Remove(incidentId);
                }
            }
            logger.LogInformation("Rotation {RotationId} handed {Count} incident(s) from {Outgoing} to {Incoming}",
                RotationId, state.State.CommandedIncidents.Count, outgoing?.ResponderId, incoming.ResponderId);
        }
        await ArmNextHandoverAsync(due, cancellationToken);
        await state.WriteStateAsync(cancellationToken);
    }

    /// <summary>
    /// Tells the people coming on and going off call, whether or not any incident is open, then arms the next boundary.
    /// Stored before that is armed (the fired deadline stays in the shard until this returns): a crash in between fires
    /// this boundary again, and the notices' keys make the responders ignore what they already hold.
    /// </summary>
    private async Task OnShiftBoundaryAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (state.State.NextShiftNoticesAt != due)
        {
            // A stale fire, or the last one again after a crash between storing the next boundary and arming it.
            if (state.State.NextShiftNoticesAt is { } stored && stored > due)
            {
                await Deadlines.ArmAsync(ShiftBoundaryDeadline, stored, cancellationToken);
            }
            return;
        }
        if (now < due)
        {
            return;
        }
        var history = state.State.History;
        if (OnCallSchedule.DefinitionAt(history, due) is { ShiftNoticesOff: false } definition)
        {
            var notices = ShiftNotices.At(RotationId, definition.Name, due, OnCallSchedule.OnCallAt(history, due - TimeSpan.FromTicks(1)),
                OnCallSchedule.OnCallAt(history, due), now);
            await Task.WhenAll(notices.Select(page => GrainFactory.GetGrain<IResponderGrain>(page.ResponderId).Page(page, cancellationToken)));
            logger.LogInformation("Rotation {RotationId} sent {Count} shift notice(s) for the boundary at {Boundary}", RotationId, notices.Length, due);
        }
        var next = NextShiftNotices(due);
        state.State.NextShiftNoticesAt = next;
        await state.WriteStateAsync(cancellationToken);
        if (next is { } at)
        {
            await Deadlines.ArmAsync(ShiftBoundaryDeadline, at, cancellationToken);
        }
    }

    /// <summary>The next boundary after <paramref name="after"/> when the definition in force there sends notices; null otherwise.</summary>
    private DateTimeOffset? NextShiftNotices(DateTimeOffset after) =>
        OnCallSchedule.NextHandover(state.State.History, after) is { } next
        && OnCallSchedule.DefinitionAt(state.State.History, next) is { ShiftNoticesOff: false } ? next : null;

    /// <summary>A definition changed: notices are armed for the boundary it leads to, or disarmed when it sends none.</summary>
    private async Task ArmShiftNoticesAsync(DateTimeOffset? nextShiftNotices, CancellationToken cancellationToken)
    {
        state.State.NextShiftNoticesAt = nextShiftNotices;
        await (nextShiftNotices is { } at
            ? Deadlines.ArmAsync(ShiftBoundaryDeadline, at, cancellationToken)
            : Deadlines.DisarmAsync(ShiftBoundaryDeadline, cancellationToken));
    }

    private async Task ArmNextHandoverAsync(DateTimeOffset after, CancellationToken cancellationToken)
    {
        var next = OnCallSchedule.NextHandover(state.State.History, after);
        state.State.NextHandoverAt = next;
        await (next is { } at
            ? Deadlines.ArmAsync(HandoverDeadline, at, cancellationToken)
            : Deadlines.DisarmAsync(HandoverDeadline, cancellationToken));
    }

    private void RequireDefined()
    {
        if (state.State.History.IsDefaultOrEmpty)
        {
            throw new ResourceNotFoundException("Rotation", RotationId);
        }
    }

    private RotationView View()
    {
        RequireDefined();
        var latest = state.State.History[^1];
        return new RotationView(latest.Definition, latest.EffectiveFrom, state.State.NextHandoverAt, [.. state.State.CommandedIncidents]);
    }

    private static RotationDefinition Normalized(RotationDefinition definition) => definition with
    {
        Layers = definition.Layers.IsDefault ? [] : definition.Layers,
        FollowTheSun = definition.FollowTheSun.IsDefault ? [] : definition.FollowTheSun,
        Overrides = definition.Overrides.IsDefault ? [] : definition.Overrides,
    };
}
