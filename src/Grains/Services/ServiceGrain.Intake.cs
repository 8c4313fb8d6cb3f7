using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Intake;

namespace IncidentActors.Services;

/// <summary>
/// Alert intake: the grain asks <see cref="IntakePlanner"/> what each alert does, makes the calls to incidents and
/// upstream services its decisions ask for, and stores the plan by one write. The incidents a plan opens are created
/// after that write, so that a crash in between leaves ids that the next alert of the same key opens, never a second
/// incident.
/// </summary>
internal sealed partial class ServiceGrain
{
    private const string GroupingDeadline = "grouping";
    private const int MaxUpstreamDepth = 16;

    // Per integration; kept in memory only: a limit restarting with a new activation is harmless.
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public async Task<AlertOutcome> Ingest(AlertEvent alert, CancellationToken cancellationToken = default) =>
        (await IngestBatch([alert], cancellationToken)).Accepted[0];

    public async Task<AlertBatchOutcome> IngestBatch(ImmutableArray<AlertEvent> alerts, CancellationToken cancellationToken = default)
    {
        alerts = IntakePlanner.Check(alerts, ServiceId, state.State.Definition);
        var (admitted, retryAfter) = Admit(alerts);
        var outcomes = new AlertOutcome[admitted];
        var planner = Planner(outcomes);
        for (var i = 0; i < admitted; i++)
        {
            outcomes[i] = alerts[i].Action == AlertAction.Trigger
                ? await TriggerAsync(alerts[i], i, planner, cancellationToken)
                : await ActOnOpenIncidentAsync(alerts[i], planner, cancellationToken);
        }
        await CompleteAsync(planner, cancellationToken);
        metrics.AlertsTaken(planner.Definition.BusinessUnitId, outcomes);
        return new AlertBatchOutcome([.. outcomes], retryAfter);
    }

    /// <summary>How many of the alerts, from the first, the integrations' rate limits admit; the others are counted as refused.</summary>
    private (int Admitted, TimeSpan? RetryAfter) Admit(ImmutableArray<AlertEvent> alerts)
    {
        var businessUnitId = RequireDefinition().BusinessUnitId;
        try
        {
            var admission = IntakePlanner.Admit(ServiceId, alerts, _buckets, options.Value, clock.GetUtcNow());
            metrics.AlertsRateLimited(businessUnitId, alerts.Length - admission.Admitted);
            return admission;
        }
        catch (RateLimitedException)
        {
            metrics.AlertsRateLimited(businessUnitId, alerts.Length);
            throw;
        }
    }

    public async Task<AlertGroupOutcome> IngestGroup(AlertGroupNotification notification, CancellationToken cancellationToken = default)
    {
        // Each alert is checked as if sent alone, so a bad one refuses the notification whichever way it is taken.
        IntakePlanner.Check(notification.Alerts, ServiceId, state.State.Definition);
        return AlertmanagerGroups.AsOneAlert(notification, RequireDefinition().Grouping ?? AlertGrouping.None) is { } group
            ? new AlertGroupOutcome(await IngestBatch([group], cancellationToken), OneIncident: true)
            : new AlertGroupOutcome(await IngestBatch(notification.Alerts, cancellationToken), OneIncident: false);
    }

    public async Task<string?> FindOpenRoot(ImmutableArray<string> asked, CancellationToken cancellationToken = default)
    {
        // A copy: this call interleaves with intake, which adds to the list while this one waits.
        foreach (var incidentId in state.State.RecentIncidents.ToArray().Reverse())
        {
            if (await Incident(incidentId).GetStatus(cancellationToken) is { } status)
            {
                if (IncidentLifecycle.AcceptsTriggers(status))
                {
                    return incidentId;
                }
                // Resolved for good; the pruning is stored with the next write.
                state.State.RecentIncidents.Remove(incidentId);
            }
        }
        return state.State.Definition is { } definition && asked.Length < MaxUpstreamDepth
            ? await FindUpstreamRootAsync(definition, asked.Add(ServiceId), cancellationToken)
            : null;
    }

    /// <summary>A planner over this service's state, for one call; for a registered service only.</summary>
    private IntakePlanner Planner(AlertOutcome[]? outcomes = null) =>
        new(ServiceId, state.State, RequireDefinition(), options.Value, outcomes);

    /// <summary>Takes a trigger through the planner's decisions, asking each incident or upstream service they name.</summary>
    private async Task<AlertOutcome> TriggerAsync(AlertEvent alert, int index, IntakePlanner planner, CancellationToken cancellationToken)
    {
        var definition = planner.Definition;
        var decision = planner.Trigger(alert, index, clock.GetUtcNow());
        while (true)
        {
            if (decision is IntakeDecision.Settled settled)
            {
                return settled.Outcome;
            }
            decision = decision switch
            {
                IntakeDecision.CountRepeat d => planner.Answer(d, await Incident(d.IncidentId).Trigger(d.Step.Alert, definition, cancellationToken)),
                IntakeDecision.JoinGroup d => planner.Answer(d, await Incident(d.IncidentId).Trigger(d.Step.Alert, definition, cancellationToken)),
                IntakeDecision.CountSymptom d => planner.Answer(d, await Incident(d.RootId).AttachSymptom(d.Step.Alert, cancellationToken: cancellationToken)),
                IntakeDecision.AttachSymptom d => planner.Answer(d, await Incident(d.RootId).AttachSymptom(d.Step.Alert, cancellationToken: cancellationToken)),
                IntakeDecision.FindUpstreamRoot d => planner.Answer(d, await FindUpstreamRootAsync(definition, [ServiceId], cancellationToken)),
                _ => throw new InvalidOperationException($"A trigger does not lead to {decision.GetType().Name}."),
            };
        }
    }

    private async Task<AlertOutcome> ActOnOpenIncidentAsync(AlertEvent alert, IntakePlanner planner, CancellationToken cancellationToken)
    {
        // Incidents planned so far must exist before anyone acts on them.
        await CompleteAsync(planner, cancellationToken);
        return planner.Act(alert) switch
        {
            IntakeDecision.Settled d => d.Outcome,
            IntakeDecision.Acknowledge d => planner.Answer(d, Counted(await AcknowledgeAsync(d, cancellationToken))),
            IntakeDecision.Resolve { LastKey: true } d => planner.Answer(d, Counted(await Incident(d.IncidentId).Resolve(d.Action, cancellationToken))),
            IntakeDecision.Resolve d => planner.Answer(d, Counted(await Incident(d.IncidentId).Get(cancellationToken))),
            var d => throw new InvalidOperationException($"An acknowledge or resolve does not lead to {d.GetType().Name}."),
        };
    }

    /// <summary>The acknowledged incident; null when it is resolved already.</summary>
    private async Task<IncidentView?> AcknowledgeAsync(IntakeDecision.Acknowledge decision, CancellationToken cancellationToken)
    {
        try
        {
            return await Incident(decision.IncidentId).Acknowledge(decision.Action, cancellationToken);
        }
        catch (IllegalTransitionException)
        {
            return null;
        }
    }

    private static (IncidentStatus, int)? Counted(IncidentView? view) => view is null ? null : (view.Status, view.AlertCount);

    /// <summary>The grouping wait of held groups ended: each becomes a symptom of an upstream incident, or an incident of its own.</summary>
    private async Task OnGroupingDeadlineAsync(CancellationToken cancellationToken)
    {
        if (state.State.Definition is null)
        {
            return;
        }
        var planner = Planner();
        var now = clock.GetUtcNow();
        var due = planner.DueGroups(now);
        if (due.Count > 0)
        {
            var root = await FindUpstreamRootAsync(planner.Definition, [ServiceId], cancellationToken);
            var opening = new List<(string GroupKey, PendingGroup Group, List<AlertEvent> Alerts)>();
            foreach (var (groupKey, group) in due)
            {
                var unattached = root is null ? group.Alerts : await AttachGroupAsync(root, group, planner, cancellationToken);
                if (unattached.Count == 0)
                {
                    planner.Release(groupKey);
                    continue;
                }
                opening.Add((groupKey, group, unattached));
            }
            // Each opening group's incident id is stored while the group is still held: should the silo
            // die before the incident exists, the retried deadline finds the group and creates that incident.
            if (opening.Exists(o => o.Group.IncidentId is null))
            {
                opening.ForEach(o => o.Group.IncidentId ??= planner.NextIncidentId());
                await state.WriteStateAsync(cancellationToken);
            }
            foreach (var (groupKey, group, alerts) in opening)
            {
                var created = await Incident(group.IncidentId!).GetStatus(cancellationToken) is not null;
                planner.OpenHeld(groupKey, group, alerts, created, now);
            }
            // Created before the groups are let go: until then a retried deadline finds them.
            await CreateAllAsync(planner, cancellationToken);
            planner.Plan.Created();
            opening.ForEach(o => planner.Release(o.GroupKey));
        }
        if (state.State.PendingGroups.Count > 0)
        {
            planner.Plan.ArmGrouping();
        }
        await CompleteAsync(planner, cancellationToken);
    }

    /// <summary>Attaches the group's alerts to the upstream incident; returns those it refused, being resolved meanwhile.</summary>
    private async Task<List<AlertEvent>> AttachGroupAsync(string rootId, PendingGroup group, IntakePlanner planner, CancellationToken cancellationToken)
    {
        for (var i = 0; i < group.Alerts.Count; i++)
        {
            var alert = group.Alerts[i];
            if (!(await Incident(rootId).AttachSymptom(alert, 1 + (i == 0 ? group.Repeats : 0), cancellationToken)).Accepted)
            {
                return group.Alerts[i..];
            }
            planner.Attached(alert, rootId);
        }
        return [];
    }

    private async Task<string?> FindUpstreamRootAsync(ServiceDefinition definition, ImmutableArray<string> asked, CancellationToken cancellationToken)
    {
        foreach (var upstream in definition.DependsOn)
        {
            if (!asked.Contains(upstream) && await Service(upstream).FindOpenRoot(asked, cancellationToken) is { } root)
            {
                return root;
            }
        }
        return null;
    }

    /// <summary>Stores the plan, then creates the incidents it opened, each with the alerts that joined it.</summary>
    private async Task CompleteAsync(IntakePlanner planner, CancellationToken cancellationToken)
    {
        var plan = planner.Plan;
        if (plan.GroupingToArm && state.State.PendingGroups.Count > 0)
        {
            // Armed before the write: a crash in between leaves a deadline that finds nothing due, never a group held for good.
            await ArmAsync(GroupingDeadline, state.State.PendingGroups.Values.Min(g => g.Until), cancellationToken);
        }
        if (plan.IsChanged)
        {
            await state.WriteStateAsync(cancellationToken);
        }
        await CreateAllAsync(planner, cancellationToken);
        plan.Clear();
    }

    /// <summary>Creates the incidents the plan opened, with what their business unit gives them fetched once for all.</summary>
    private async Task CreateAllAsync(IntakePlanner planner, CancellationToken cancellationToken)
    {
        var openings = planner.Plan.Openings.ToList();
        if (openings.Count == 0)
        {
            return;
        }
        var definition = planner.Definition;
        await CoverOpeningEventsAsync(cancellationToken);
        var shared = await IncidentOpenings.FetchAsync(GrainFactory, definition.BusinessUnitId, openings.Count, cancellationToken);
        await Task.WhenAll(openings.Select(opening => CreateAsync(opening, definition, shared, planner.Plan, cancellationToken)));
    }

    private async Task CreateAsync(IntakePlan.Opening opening, ServiceDefinition definition, IncidentOpening shared, IntakePlan plan,
        CancellationToken cancellationToken)
    {
        var incident = Incident(opening.IncidentId);
        // Ids are assigned here and stored before creation, so no incident of this id was stored before.
        TriggerResult result;
        try
        {
            result = await incident.Create(opening.Alerts[0], definition, shared, cancellationToken);
        }
        catch
        {
            // Perhaps stored, perhaps not: the events deadline finds out.
            _undeliveredOpenings.Add(opening.IncidentId);
            throw;
        }
        if (result.EventsPending)
        {
            _undeliveredOpenings.Add(opening.IncidentId);
        }
        foreach (var alert in opening.Alerts.Skip(1))
        {
            result = await incident.Trigger(alert, definition, cancellationToken);
        }
        plan.Report(opening, result);
    }
}
