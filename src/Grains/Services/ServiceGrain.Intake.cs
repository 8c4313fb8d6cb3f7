using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Intake;

namespace IncidentActors.Services;

/// <summary>
/// Alert intake: deduplication, grouping, symptoms of upstream failures, maintenance and rate
/// limits. A batch is planned alert by alert in memory and stored by one write; the incidents it
/// opens are created after that write, so that a crash in between leaves ids that the next alert
/// of the same key opens, never a second incident.
/// </summary>
internal sealed partial class ServiceGrain
{
    private const string GroupingDeadline = "grouping";
    private const int RecentIncidentsKept = 16;
    private const int MaxUpstreamDepth = 16;

    // The index of an alert whose outcome nobody waits for: held groups and heartbeats.
    private const int NoOutcome = -1;

    // Per integration; kept in memory only: a limit restarting with a new activation is harmless.
    private readonly Dictionary<string, TokenBucket> _buckets = new(StringComparer.Ordinal);

    public async Task<AlertOutcome> Ingest(AlertEvent alert, CancellationToken cancellationToken = default) =>
        (await IngestBatch([alert], cancellationToken)).Accepted[0];

    public async Task<AlertBatchOutcome> IngestBatch(ImmutableArray<AlertEvent> alerts, CancellationToken cancellationToken = default)
    {
        alerts = Complete(alerts);
        var definition = RequireDefinition();
        var (admitted, retryAfter) = Admit(alerts);
        if (admitted == 0)
        {
            throw new RateLimitedException(
                $"Integration '{alerts[0].Integration}' sends more alerts to service '{ServiceId}' than its limit of {options.Value.AlertsPerSecond}/s allows; nothing was applied.",
                retryAfter!.Value);
        }
        var outcomes = new AlertOutcome[admitted];
        var run = new IntakeRun(outcomes);
        for (var i = 0; i < admitted; i++)
        {
            outcomes[i] = alerts[i].Action == AlertAction.Trigger
                ? await TriggerAsync(alerts[i], i, definition, run, cancellationToken)
                : await ActOnOpenIncidentAsync(alerts[i], definition, run, cancellationToken);
        }
        await CompleteAsync(run, definition, cancellationToken);
        return new AlertBatchOutcome([.. outcomes], retryAfter);
    }

    public async Task<AlertGroupOutcome> IngestGroup(AlertGroupNotification notification, CancellationToken cancellationToken = default)
    {
        // Each alert is checked as if sent alone, so a bad one refuses the notification whichever way it is taken.
        Complete(notification.Alerts);
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

    /// <summary>Validates the whole batch before anything is applied, and fills what the catalog knows.</summary>
    private ImmutableArray<AlertEvent> Complete(ImmutableArray<AlertEvent> alerts) =>
        AlertValidator.CompleteBatch(alerts.IsDefault ? [] : alerts, alert => alert.ServiceId == ServiceId
            ? RequireDefinition()
            : throw new InvalidRequestException("service_id", $"'{alert.ServiceId}' does not match the service addressed, '{ServiceId}'."));

    /// <summary>How many of the batch, from its start, the rate limits let in; and when to send the rest.</summary>
    private (int Admitted, TimeSpan? RetryAfter) Admit(ImmutableArray<AlertEvent> alerts)
    {
        var now = clock.GetUtcNow();
        for (var i = 0; i < alerts.Length; i++)
        {
            var bucket = Bucket(alerts[i].Integration, now);
            if (bucket.Take(1, now) == 0)
            {
                return (i, bucket.NextTokenIn(now));
            }
        }
        return (alerts.Length, null);
    }

    private TokenBucket Bucket(string integration, DateTimeOffset now)
    {
        if (!_buckets.TryGetValue(integration, out var bucket))
        {
            _buckets[integration] = bucket = new TokenBucket(options.Value.AlertsPerSecond, options.Value.Burst, now);
        }
        return bucket;
    }

    private async Task<AlertOutcome> TriggerAsync(AlertEvent alert, int index, ServiceDefinition definition, IntakeRun run,
        CancellationToken cancellationToken)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        var dedupKey = alert.DedupKey ?? Guid.CreateVersion7(now).ToString("N");
        alert = alert with { DedupKey = dedupKey };

        if (s.OpenIncidentByDedupKey.TryGetValue(dedupKey, out var incidentId))
        {
            if (run.Follow(incidentId, alert, index))
            {
                return new AlertOutcome(AlertDisposition.Deduplicated, dedupKey, incidentId, IncidentStatus.Triggered, 0);
            }
            var repeat = await Incident(incidentId).Trigger(alert, definition, cancellationToken);
            if (repeat.Accepted)
            {
                return new AlertOutcome(repeat.Opened ? AlertDisposition.Opened : AlertDisposition.Deduplicated, dedupKey, incidentId, repeat.Status, repeat.AlertCount);
            }
            // Resolved since: the key starts afresh.
            s.OpenIncidentByDedupKey.Remove(dedupKey);
            run.Changed();
        }
        if (s.SymptomOfByDedupKey.TryGetValue(dedupKey, out var rootId))
        {
            var symptom = await Incident(rootId).AttachSymptom(alert, cancellationToken: cancellationToken);
            if (symptom.Accepted)
            {
                return new AlertOutcome(AlertDisposition.Symptom, dedupKey, rootId, symptom.Status, symptom.AlertCount);
            }
            s.SymptomOfByDedupKey.Remove(dedupKey);
            run.Changed();
        }

        var grouping = definition.Grouping ?? AlertGrouping.None;
        var groupKey = AlertGroupKey.Of(alert, grouping);
        if (s.PendingGroups.TryGetValue(groupKey, out var pending))
        {
            if (pending.Alerts.Exists(a => a.DedupKey == dedupKey))
            {
                // Only a count: it rides along with the next write.
                pending.Repeats++;
            }
            else
            {
                pending.Alerts.Add(alert);
                run.Changed();
            }
            return new AlertOutcome(AlertDisposition.Pending, dedupKey, null, null, pending.Alerts.Count + pending.Repeats);
        }
        if (alert.Severity != AlertSeverity.Critical && s.MaintenanceWindows.Find(w => w.CoversInstant(now)) is { } window)
        {
            Suppress(alert, window, now);
            run.Changed();
            return new AlertOutcome(AlertDisposition.Suppressed, dedupKey, null, null, 0);
        }
        if (grouping.Window > TimeSpan.Zero && s.OpenGroups.TryGetValue(groupKey, out var group) && now - group.OpenedAt <= grouping.Window)
        {
            if (await JoinAsync(group.IncidentId, alert, index, definition, run, cancellationToken) is { } joined)
            {
                return joined;
            }
            s.OpenGroups.Remove(groupKey);
            run.Changed();
        }
        if (!definition.DependsOn.IsEmpty)
        {
            if (await FindUpstreamRootAsync(definition, [ServiceId], cancellationToken) is { } root
                && await AttachAsync(root, alert, repeats: 0, cancellationToken) is { } attached)
            {
                run.Changed();
                return attached;
            }
            if (grouping.Wait > TimeSpan.Zero)
            {
                s.PendingGroups[groupKey] = new PendingGroup { Until = now + grouping.Wait, Alerts = [alert] };
                run.ArmGrouping();
                return new AlertOutcome(AlertDisposition.Pending, dedupKey, null, null, 1);
            }
        }
        incidentId = Open(groupKey, [alert], repeats: 0, index, grouping, now, run);
        return new AlertOutcome(AlertDisposition.Opened, dedupKey, incidentId, IncidentStatus.Triggered, 1);
    }

    /// <summary>A new key of an open group joins its incident; null when that incident is resolved.</summary>
    private async Task<AlertOutcome?> JoinAsync(string incidentId, AlertEvent alert, int index, ServiceDefinition definition, IntakeRun run,
        CancellationToken cancellationToken)
    {
        var (status, count) = (IncidentStatus.Triggered, 0);
        if (!run.Follow(incidentId, alert, index))
        {
            var joined = await Incident(incidentId).Trigger(alert, definition, cancellationToken);
            if (!joined.Accepted)
            {
                return null;
            }
            (status, count) = (joined.Status, joined.AlertCount);
        }
        state.State.OpenIncidentByDedupKey[alert.DedupKey!] = incidentId;
        run.Changed();
        return new AlertOutcome(AlertDisposition.Grouped, alert.DedupKey!, incidentId, status, count);
    }

    /// <summary>Counts the alert (and its held repeats) on an upstream incident; null when that one is resolved.</summary>
    private async Task<AlertOutcome?> AttachAsync(string rootId, AlertEvent alert, int repeats, CancellationToken cancellationToken)
    {
        var attached = await Incident(rootId).AttachSymptom(alert, 1 + repeats, cancellationToken);
        if (!attached.Accepted)
        {
            return null;
        }
        state.State.SymptomOfByDedupKey[alert.DedupKey!] = rootId;
        return new AlertOutcome(AlertDisposition.Symptom, alert.DedupKey!, rootId, attached.Status, attached.AlertCount);
    }

    /// <summary>Plans a new incident for these alerts (the first opens it); it is created once the plan is stored.</summary>
    private string Open(string groupKey, IReadOnlyList<AlertEvent> alerts, int repeats, int index, AlertGrouping grouping, DateTimeOffset now, IntakeRun run,
        string? incidentId = null)
    {
        var s = state.State;
        incidentId ??= NextIncidentId();
        foreach (var alert in alerts)
        {
            s.OpenIncidentByDedupKey[alert.DedupKey!] = incidentId;
        }
        s.RecentIncidents.Add(incidentId);
        if (s.RecentIncidents.Count > RecentIncidentsKept)
        {
            s.RecentIncidents.RemoveAt(0);
        }
        if (grouping.Window > TimeSpan.Zero)
        {
            foreach (var stale in s.OpenGroups.Where(g => now - g.Value.OpenedAt > grouping.Window).Select(g => g.Key).ToList())
            {
                s.OpenGroups.Remove(stale);
            }
            s.OpenGroups[groupKey] = new OpenGroup(incidentId, now);
        }
        run.Open(incidentId, alerts, repeats, index);
        return incidentId;
    }

    private string NextIncidentId() => $"{ServiceId}-{++state.State.LastIncidentNumber}";

    private async Task<AlertOutcome> ActOnOpenIncidentAsync(AlertEvent alert, ServiceDefinition definition, IntakeRun run,
        CancellationToken cancellationToken)
    {
        // Incidents planned so far must exist before anyone acts on them.
        await CompleteAsync(run, definition, cancellationToken);
        var s = state.State;
        var dedupKey = alert.DedupKey!;
        if (s.SymptomOfByDedupKey.Remove(dedupKey, out var rootId))
        {
            // The upstream incident is another team's to close: the symptom only stops counting.
            run.Changed();
            return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey, rootId, null, 0);
        }
        if (s.PendingGroups.FirstOrDefault(g => g.Value.Alerts.Exists(a => a.DedupKey == dedupKey)) is { Value: { } held } entry)
        {
            if (alert.Action == AlertAction.Resolve)
            {
                held.Alerts.RemoveAll(a => a.DedupKey == dedupKey);
                if (held.Alerts.Count == 0)
                {
                    s.PendingGroups.Remove(entry.Key);
                }
                run.Changed();
            }
            return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey, null, null, 0);
        }
        if (!s.OpenIncidentByDedupKey.TryGetValue(dedupKey, out var incidentId))
        {
            return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey, null, null, 0);
        }
        var incident = Incident(incidentId);
        var action = new ResponderAction($"integration:{alert.Integration}", string.IsNullOrWhiteSpace(alert.Summary) ? null : alert.Summary);
        IncidentView view;
        if (alert.Action == AlertAction.Acknowledge)
        {
            try
            {
                view = await incident.Acknowledge(action, cancellationToken);
            }
            catch (IllegalTransitionException)
            {
                s.OpenIncidentByDedupKey.Remove(dedupKey);
                run.Changed();
                return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey, incidentId, IncidentStatus.Resolved, 0);
            }
            return new AlertOutcome(AlertDisposition.Acknowledged, dedupKey, incidentId, view.Status, view.AlertCount);
        }

        s.OpenIncidentByDedupKey.Remove(dedupKey);
        run.Changed();
        // A grouped incident resolves with the last of its alerts.
        if (s.OpenIncidentByDedupKey.ContainsValue(incidentId))
        {
            view = await incident.Get(cancellationToken);
            return new AlertOutcome(AlertDisposition.Resolved, dedupKey, incidentId, view.Status, view.AlertCount);
        }
        view = await incident.Resolve(action, cancellationToken);
        return new AlertOutcome(AlertDisposition.Resolved, dedupKey, incidentId, view.Status, view.AlertCount);
    }

    /// <summary>The grouping wait of held groups ended: each becomes a symptom of an upstream incident, or an incident of its own.</summary>
    private async Task OnGroupingDeadlineAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.Definition is not { } definition)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var due = s.PendingGroups.Where(g => g.Value.Until <= now).ToList();
        var run = new IntakeRun(null);
        if (due.Count > 0)
        {
            var root = await FindUpstreamRootAsync(definition, [ServiceId], cancellationToken);
            var opening = new List<(string GroupKey, PendingGroup Group, List<AlertEvent> Alerts)>();
            foreach (var (groupKey, group) in due)
            {
                var unattached = root is null ? group.Alerts : await AttachGroupAsync(root, group, cancellationToken);
                if (unattached.Count == 0)
                {
                    s.PendingGroups.Remove(groupKey);
                    run.Changed();
                    continue;
                }
                opening.Add((groupKey, group, unattached));
            }
            // Each opening group's incident id is stored while the group is still held: should the silo
            // die before the incident exists, the retried deadline finds the group and creates that incident.
            if (opening.Exists(o => o.Group.IncidentId is null))
            {
                opening.ForEach(o => o.Group.IncidentId ??= NextIncidentId());
                await state.WriteStateAsync(cancellationToken);
            }
            foreach (var (groupKey, group, alerts) in opening)
            {
                if (await Incident(group.IncidentId!).GetStatus(cancellationToken) is null)
                {
                    var repeats = alerts[0] == group.Alerts[0] ? group.Repeats : 0;
                    Open(groupKey, alerts, repeats, NoOutcome, definition.Grouping ?? AlertGrouping.None, now, run, group.IncidentId);
                }
                else
                {
                    // Created before a failure stopped this deadline: only the mapping is left to store.
                    alerts.ForEach(a => s.OpenIncidentByDedupKey[a.DedupKey!] = group.IncidentId!);
                    run.Changed();
                }
            }
            // Created before the groups are let go: until then a retried deadline finds them.
            await CreateAllAsync(run, definition, cancellationToken);
            run.Created();
            opening.ForEach(o => s.PendingGroups.Remove(o.GroupKey));
        }
        if (s.PendingGroups.Count > 0)
        {
            run.ArmGrouping();
        }
        await CompleteAsync(run, definition, cancellationToken);
    }

    /// <summary>Attaches the group's alerts to the upstream incident; returns those it refused, being resolved meanwhile.</summary>
    private async Task<List<AlertEvent>> AttachGroupAsync(string rootId, PendingGroup group, CancellationToken cancellationToken)
    {
        for (var i = 0; i < group.Alerts.Count; i++)
        {
            if (await AttachAsync(rootId, group.Alerts[i], i == 0 ? group.Repeats : 0, cancellationToken) is null)
            {
                return group.Alerts[i..];
            }
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
    private async Task CompleteAsync(IntakeRun run, ServiceDefinition definition, CancellationToken cancellationToken)
    {
        if (run.GroupingToArm && state.State.PendingGroups.Count > 0)
        {
            // Armed before the write: a crash in between leaves a deadline that finds nothing due, never a group held for good.
            await ArmAsync(GroupingDeadline, state.State.PendingGroups.Values.Min(g => g.Until), cancellationToken);
        }
        if (run.IsChanged)
        {
            await state.WriteStateAsync(cancellationToken);
        }
        await CreateAllAsync(run, definition, cancellationToken);
        run.Clear();
    }

    /// <summary>Creates the incidents the run opened, with what their business unit gives them fetched once for all.</summary>
    private async Task CreateAllAsync(IntakeRun run, ServiceDefinition definition, CancellationToken cancellationToken)
    {
        var openings = run.Openings.ToList();
        if (openings.Count == 0)
        {
            return;
        }
        var shared = await IncidentOpenings.FetchAsync(GrainFactory, definition.BusinessUnitId, openings.Count, cancellationToken);
        await Task.WhenAll(openings.Select(opening => CreateAsync(opening, definition, shared, run, cancellationToken)));
    }

    private async Task CreateAsync(IntakeRun.Opening opening, ServiceDefinition definition, IncidentOpening shared, IntakeRun run,
        CancellationToken cancellationToken)
    {
        var incident = Incident(opening.IncidentId);
        // Ids are assigned here and stored before creation, so no incident of this id was stored before.
        var result = await incident.Create(opening.Alerts[0], definition, shared, cancellationToken);
        foreach (var alert in opening.Alerts.Skip(1))
        {
            result = await incident.Trigger(alert, definition, cancellationToken);
        }
        run.Report(opening, result);
    }

    /// <summary>What one intake call planned: whether state changed, incidents to create, outcomes to complete once they exist.</summary>
    private sealed class IntakeRun(AlertOutcome[]? outcomes)
    {
        private readonly Dictionary<string, Opening> _openings = new(StringComparer.Ordinal);

        public bool IsChanged { get; private set; }
        public bool GroupingToArm { get; private set; }
        public IEnumerable<Opening> Openings => _openings.Values;

        public void Changed() => IsChanged = true;

        public void ArmGrouping() => (IsChanged, GroupingToArm) = (true, true);

        public void Open(string incidentId, IReadOnlyList<AlertEvent> alerts, int repeats, int index)
        {
            var opening = new Opening(incidentId, [.. alerts, .. Enumerable.Repeat(alerts[0], repeats)], []);
            Reports(opening, index);
            _openings[incidentId] = opening;
            IsChanged = true;
        }

        /// <summary>Adds the alert to an incident this run is opening; false when the incident is not one of them.</summary>
        public bool Follow(string incidentId, AlertEvent alert, int index)
        {
            if (!_openings.TryGetValue(incidentId, out var opening))
            {
                return false;
            }
            opening.Alerts.Add(alert);
            Reports(opening, index);
            return true;
        }

        private static void Reports(Opening opening, int index)
        {
            if (index != NoOutcome)
            {
                opening.Outcomes.Add(index);
            }
        }

        /// <summary>Outcomes of alerts that opened or joined a new incident show its status and count once created.</summary>
        public void Report(Opening opening, TriggerResult result)
        {
            foreach (var index in opening.Outcomes)
            {
                outcomes![index] = outcomes[index] with { Status = result.Status, AlertCount = result.AlertCount };
            }
        }

        /// <summary>The planned incidents exist; what the plan changed is still to be stored.</summary>
        public void Created() => _openings.Clear();

        public void Clear()
        {
            _openings.Clear();
            IsChanged = GroupingToArm = false;
        }

        public sealed record Opening(string IncidentId, List<AlertEvent> Alerts, List<int> Outcomes);
    }
}
