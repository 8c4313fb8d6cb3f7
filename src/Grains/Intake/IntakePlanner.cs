using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Services;

namespace IncidentActors.Intake;

/// <summary>
/// The intake rules of one service, without Orleans: deduplication, grouping, symptoms of upstream failures,
/// held groups, maintenance and rate limits. It decides alert by alert on the service's state in memory and
/// records in <see cref="Plan"/> what the grain then stores with one write and the incidents it creates after
/// that write. Where a rule needs another grain's answer (is that incident still open? is anything open
/// upstream?) it returns the question as an <see cref="IntakeDecision"/>, and the answer decides the next step.
/// </summary>
internal sealed class IntakePlanner(string serviceId, ServiceState state, ServiceDefinition definition, IntakeOptions options,
    AlertOutcome[]? outcomes = null)
{
    private const int RecentIncidentsKept = 16;

    public ServiceDefinition Definition => definition;
    public IntakePlan Plan { get; } = new(outcomes);
    private AlertGrouping Grouping => definition.Grouping ?? AlertGrouping.None;

    /// <summary>
    /// Checks the whole batch before anything is applied, and fills what the catalog knows. An unknown service is
    /// reported only once every alert is well-formed: a bad payload is refused as such wherever it was sent.
    /// </summary>
    public static ImmutableArray<AlertEvent> Check(ImmutableArray<AlertEvent> alerts, string serviceId, ServiceDefinition? definition)
    {
        var completed = AlertValidator.CompleteBatch(alerts.IsDefault ? [] : alerts, alert => alert.ServiceId == serviceId
            ? definition
            : throw new InvalidRequestException("service_id", $"'{alert.ServiceId}' does not match the service addressed, '{serviceId}'."));
        return definition is null ? throw new ResourceNotFoundException("Service", serviceId) : completed;
    }

    /// <summary>
    /// How many of the batch, from its start, the integrations' rate limits let in, and when to send the rest;
    /// refuses the call when they let in none.
    /// </summary>
    public static (int Admitted, TimeSpan? RetryAfter) Admit(string serviceId, ImmutableArray<AlertEvent> alerts,
        Dictionary<string, TokenBucket> buckets, IntakeOptions options, DateTimeOffset now)
    {
        for (var i = 0; i < alerts.Length; i++)
        {
            var integration = alerts[i].Integration;
            if (!buckets.TryGetValue(integration, out var bucket))
            {
                buckets[integration] = bucket = new TokenBucket(options.AlertsPerSecond, options.Burst, now);
            }
            if (bucket.Take(1, now) == 0)
            {
                return i > 0
                    ? (i, bucket.NextTokenIn(now))
                    : throw new RateLimitedException(
                        $"Integration '{integration}' sends more alerts to service '{serviceId}' than its limit of {options.AlertsPerSecond}/s allows; nothing was applied.",
                        bucket.NextTokenIn(now));
            }
        }
        return (alerts.Length, null);
    }

    /// <summary>The first step of a triggering alert; one without a dedup key gets a key of its own.</summary>
    public IntakeDecision Trigger(AlertEvent alert, int index, DateTimeOffset now)
    {
        alert = alert with { DedupKey = alert.DedupKey ?? Guid.CreateVersion7(now).ToString("N") };
        return Decide(new AlertStep(alert, AlertGroupKey.Of(alert, Grouping), index, now), Stage.Repeat);
    }

    /// <summary>The incident's answer to a repeat, symptom or join: the outcome, or the next step when it refused.</summary>
    public IntakeDecision Answer(IntakeDecision asked, TriggerResult result)
    {
        switch (asked)
        {
            case IntakeDecision.CountRepeat { Step: var step } repeat when result.Accepted:
                return Settled(result.Opened ? AlertDisposition.Opened : AlertDisposition.Deduplicated, step.DedupKey, repeat.IncidentId, result.Status, result.AlertCount);
            case IntakeDecision.CountRepeat { Step: var step }:
                // Resolved since: the key starts afresh.
                state.OpenIncidentByDedupKey.Remove(step.DedupKey);
                Plan.Changed();
                return Decide(step, Stage.Symptom);
            case IntakeDecision.CountSymptom { Step: var step } symptom when result.Accepted:
                return Settled(AlertDisposition.Symptom, step.DedupKey, symptom.RootId, result.Status, result.AlertCount);
            case IntakeDecision.CountSymptom { Step: var step }:
                state.SymptomOfByDedupKey.Remove(step.DedupKey);
                Plan.Changed();
                return Decide(step, Stage.Held);
            case IntakeDecision.JoinGroup { Step: var step } join when result.Accepted:
                return Joined(step, join.IncidentId, result.Status, result.AlertCount);
            case IntakeDecision.JoinGroup { Step: var step }:
                state.OpenGroups.Remove(step.GroupKey);
                Plan.Changed();
                return Decide(step, Stage.Upstream);
            case IntakeDecision.AttachSymptom { Step: var step } attach when result.Accepted:
                Attached(step.Alert, attach.RootId);
                return Settled(AlertDisposition.Symptom, step.DedupKey, attach.RootId, result.Status, result.AlertCount);
            case IntakeDecision.AttachSymptom { Step: var step }:
                return Own(step);
            default:
                throw new ArgumentException($"{asked.GetType().Name} is not answered by an incident's trigger result.", nameof(asked));
        }
    }

    /// <summary>The upstream services' answer: the open incident the alert is a symptom of, if any.</summary>
    public IntakeDecision Answer(IntakeDecision.FindUpstreamRoot asked, string? rootId) =>
        rootId is null ? Own(asked.Step) : new IntakeDecision.AttachSymptom(rootId, asked.Step);

    /// <summary>An acknowledge or resolve event. Incidents this call planned must exist before it is asked.</summary>
    public IntakeDecision Act(AlertEvent alert)
    {
        var dedupKey = alert.DedupKey!;
        if (state.SymptomOfByDedupKey.Remove(dedupKey, out var rootId))
        {
            // The upstream incident is another team's to close: the symptom only stops counting.
            Plan.Changed();
            return Settled(AlertDisposition.NoOpenIncident, dedupKey, rootId, null, 0);
        }
        if (state.PendingGroups.FirstOrDefault(g => g.Value.Alerts.Exists(a => a.DedupKey == dedupKey)) is { Value: { } held } entry)
        {
            if (alert.Action == AlertAction.Resolve)
            {
                held.Alerts.RemoveAll(a => a.DedupKey == dedupKey);
                if (held.Alerts.Count == 0)
                {
                    state.PendingGroups.Remove(entry.Key);
                }
                Plan.Changed();
            }
            return Settled(AlertDisposition.NoOpenIncident, dedupKey, null, null, 0);
        }
        if (!state.OpenIncidentByDedupKey.TryGetValue(dedupKey, out var incidentId))
        {
            return Settled(AlertDisposition.NoOpenIncident, dedupKey, null, null, 0);
        }
        var action = new ResponderAction($"integration:{alert.Integration}", string.IsNullOrWhiteSpace(alert.Summary) ? null : alert.Summary);
        if (alert.Action == AlertAction.Acknowledge)
        {
            return new IntakeDecision.Acknowledge(incidentId, alert, action);
        }
        state.OpenIncidentByDedupKey.Remove(dedupKey);
        Plan.Changed();
        // A grouped incident resolves with the last of its alerts.
        return new IntakeDecision.Resolve(incidentId, alert, action, LastKey: !state.OpenIncidentByDedupKey.ContainsValue(incidentId));
    }

    /// <summary>
    /// The incident's answer to an acknowledgement or resolution: its status and alert count afterwards; null when
    /// it refused an acknowledgement, being resolved.
    /// </summary>
    public AlertOutcome Answer(IntakeDecision asked, (IncidentStatus Status, int AlertCount)? incident)
    {
        switch (asked)
        {
            case IntakeDecision.Acknowledge { Alert.DedupKey: var dedupKey } ack when incident is null:
                state.OpenIncidentByDedupKey.Remove(dedupKey!);
                Plan.Changed();
                return new AlertOutcome(AlertDisposition.NoOpenIncident, dedupKey!, ack.IncidentId, IncidentStatus.Resolved, 0);
            case IntakeDecision.Acknowledge { Alert.DedupKey: var dedupKey } ack:
                return new AlertOutcome(AlertDisposition.Acknowledged, dedupKey!, ack.IncidentId, incident.Value.Status, incident.Value.AlertCount);
            case IntakeDecision.Resolve { Alert.DedupKey: var dedupKey } resolve when incident is { } resolved:
                return new AlertOutcome(AlertDisposition.Resolved, dedupKey!, resolve.IncidentId, resolved.Status, resolved.AlertCount);
            default:
                throw new ArgumentException($"{asked.GetType().Name} is not answered by an incident's status.", nameof(asked));
        }
    }

    /// <summary>Held groups whose grouping wait has ended.</summary>
    public List<KeyValuePair<string, PendingGroup>> DueGroups(DateTimeOffset now) => [.. state.PendingGroups.Where(g => g.Value.Until <= now)];

    /// <summary>The upstream incident counted the alert: later alerts of its key count there too.</summary>
    public void Attached(AlertEvent alert, string rootId) => state.SymptomOfByDedupKey[alert.DedupKey!] = rootId;

    /// <summary>A held group is done with: attached upstream whole, or its incident created.</summary>
    public void Release(string groupKey)
    {
        state.PendingGroups.Remove(groupKey);
        Plan.Changed();
    }

    /// <summary>
    /// A held group's alerts that no upstream incident took open the group's incident, whose id was stored with
    /// the group; when that incident exists already (created before a failure stopped the deadline), only the
    /// mapping of their keys is left to store.
    /// </summary>
    public void OpenHeld(string groupKey, PendingGroup group, IReadOnlyList<AlertEvent> alerts, bool created, DateTimeOffset now)
    {
        if (created)
        {
            foreach (var alert in alerts)
            {
                state.OpenIncidentByDedupKey[alert.DedupKey!] = group.IncidentId!;
            }
            Plan.Changed();
            return;
        }
        // The held repeats are of the group's first alert, so they go where it goes.
        var repeats = alerts[0] == group.Alerts[0] ? group.Repeats : 0;
        Open(groupKey, alerts, repeats, IntakePlan.NoOutcome, now, group.IncidentId);
    }

    public string NextIncidentId() => $"{serviceId}-{++state.LastIncidentNumber}";

    /// <summary>Where a trigger goes through the rules; a refusal resumes past the rule that asked.</summary>
    private enum Stage
    {
        Repeat,
        Symptom,
        Held,
        Upstream,
    }

    private IntakeDecision Decide(AlertStep step, Stage from)
    {
        var (alert, groupKey, index, now) = step;
        var dedupKey = step.DedupKey;
        if (from <= Stage.Repeat && state.OpenIncidentByDedupKey.TryGetValue(dedupKey, out var incidentId))
        {
            return Plan.Follow(incidentId, alert, index)
                ? Settled(AlertDisposition.Deduplicated, dedupKey, incidentId, IncidentStatus.Triggered, 0)
                : new IntakeDecision.CountRepeat(incidentId, step);
        }
        if (alert.IsPersonReport)
        {
            // Whoever reports an incident knows it is one: maintenance, grouping and correlation do not absorb it.
            return Settled(AlertDisposition.Opened, dedupKey, Open(groupKey, [alert], repeats: 0, index, now), IncidentStatus.Triggered, 1);
        }
        if (from <= Stage.Symptom && state.SymptomOfByDedupKey.TryGetValue(dedupKey, out var rootId))
        {
            return new IntakeDecision.CountSymptom(rootId, step);
        }
        if (from <= Stage.Held)
        {
            if (state.PendingGroups.TryGetValue(groupKey, out var pending))
            {
                if (pending.Alerts.Exists(a => a.DedupKey == dedupKey))
                {
                    // Only a count: it rides along with the next write.
                    pending.Repeats++;
                }
                else
                {
                    pending.Alerts.Add(alert);
                    Plan.Changed();
                }
                return Settled(AlertDisposition.Pending, dedupKey, null, null, pending.Alerts.Count + pending.Repeats);
            }
            if (alert.Severity != AlertSeverity.Critical && state.MaintenanceWindows.Find(w => w.CoversInstant(now)) is { } window)
            {
                Suppress(alert, window, now);
                return Settled(AlertDisposition.Suppressed, dedupKey, null, null, 0);
            }
            if (Grouping.Window > TimeSpan.Zero && state.OpenGroups.TryGetValue(groupKey, out var group) && now - group.OpenedAt <= Grouping.Window)
            {
                return Plan.Follow(group.IncidentId, alert, index)
                    ? Joined(step, group.IncidentId, IncidentStatus.Triggered, 0)
                    : new IntakeDecision.JoinGroup(group.IncidentId, step);
            }
        }
        return definition.DependsOn.IsEmpty ? Own(step) : new IntakeDecision.FindUpstreamRoot(step);
    }

    /// <summary>Nothing upstream took the alert: a service with dependencies holds a new group for the wait, else it opens an incident.</summary>
    private IntakeDecision.Settled Own(AlertStep step)
    {
        if (!definition.DependsOn.IsEmpty && Grouping.Wait > TimeSpan.Zero)
        {
            state.PendingGroups[step.GroupKey] = new PendingGroup { Until = step.Now + Grouping.Wait, Alerts = [step.Alert] };
            Plan.ArmGrouping();
            return Settled(AlertDisposition.Pending, step.DedupKey, null, null, 1);
        }
        var incidentId = Open(step.GroupKey, [step.Alert], repeats: 0, step.Index, step.Now);
        return Settled(AlertDisposition.Opened, step.DedupKey, incidentId, IncidentStatus.Triggered, 1);
    }

    private IntakeDecision.Settled Joined(AlertStep step, string incidentId, IncidentStatus status, int alertCount)
    {
        state.OpenIncidentByDedupKey[step.DedupKey] = incidentId;
        Plan.Changed();
        return Settled(AlertDisposition.Grouped, step.DedupKey, incidentId, status, alertCount);
    }

    /// <summary>Plans a new incident for these alerts (the first opens it); the grain creates it once the plan is stored.</summary>
    private string Open(string groupKey, IReadOnlyList<AlertEvent> alerts, int repeats, int index, DateTimeOffset now, string? incidentId = null)
    {
        incidentId ??= NextIncidentId();
        foreach (var alert in alerts)
        {
            state.OpenIncidentByDedupKey[alert.DedupKey!] = incidentId;
        }
        state.RecentIncidents.Add(incidentId);
        if (state.RecentIncidents.Count > RecentIncidentsKept)
        {
            state.RecentIncidents.RemoveAt(0);
        }
        if (Grouping.Window > TimeSpan.Zero)
        {
            foreach (var stale in state.OpenGroups.Where(g => now - g.Value.OpenedAt > Grouping.Window).Select(g => g.Key).ToList())
            {
                state.OpenGroups.Remove(stale);
            }
            state.OpenGroups[groupKey] = new OpenGroup(incidentId, now);
        }
        Plan.Open(incidentId, alerts, repeats, index);
        return incidentId;
    }

    private void Suppress(AlertEvent alert, MaintenanceWindow window, DateTimeOffset now)
    {
        var suppressed = state.RecentlySuppressed;
        suppressed.Add(new SuppressedAlert(now, alert.DedupKey!, alert.Summary, alert.Severity, window.Id));
        if (suppressed.Count > options.SuppressedAlertsKept)
        {
            suppressed.RemoveRange(0, suppressed.Count - options.SuppressedAlertsKept);
        }
        state.SuppressedCount++;
        Plan.Changed();
    }

    private static IntakeDecision.Settled Settled(AlertDisposition disposition, string dedupKey, string? incidentId, IncidentStatus? status, int alertCount) =>
        new(new AlertOutcome(disposition, dedupKey, incidentId, status, alertCount));
}
