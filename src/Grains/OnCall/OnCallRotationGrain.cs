using System.Collections.Immutable;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.OnCall;

internal sealed class OnCallRotationGrain(
    [PersistentState("rotation", StorageNames.Incidents)] IPersistentState<RotationState> state,
    TimeProvider clock,
    ILogger<OnCallRotationGrain> logger) : Grain, IOnCallRotationGrain
{
    private const string HandoverDeadline = "handover";

    private OwnedDeadlines? _deadlines;

    private string RotationId => this.GetPrimaryKeyString();

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    public async Task<RotationView> Define(RotationDefinition definition, CancellationToken cancellationToken = default)
    {
        RotationValidator.Validate(RotationId, definition);
        var now = clock.GetUtcNow();
        state.State.History = RotationHistory.Apply(state.State.History, Normalized(definition), now);
        await ArmNextHandoverAsync(now, cancellationToken);
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
