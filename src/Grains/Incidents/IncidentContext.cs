using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Orleans.Storage;

namespace IncidentActors.Incidents;

/// <summary>
/// One incident as a command sees it: its state, and what the command decides beyond that state (timeline entries
/// with their events, pages sent, deadlines armed now or disarmed once stored). The concept classes beside the grain
/// record into it; only the grain stores, which seals the entries into the outbox, or forgets.
/// </summary>
internal sealed class IncidentContext(GrainId grainId, IGrainStorage storage, IGrainFactory grains, TimeProvider clock, TimelineKey timelineKey)
{
    private readonly LazyGrainState<IncidentState> _stored = new("incident", grainId, storage);
    private readonly OwnedDeadlines _deadlines = new(grains, grainId);

    // The timeline entries of the change being decided with their events' data, and the pages sent since the last entry.
    private readonly List<TimelineEntry> _unstoredEntries = [];
    private readonly List<IncidentEventData?> _unstoredData = [];
    private readonly List<PageRecord> _pagesSent = [];

    public string IncidentId { get; } = grainId.Key.ToString()!;

    private TimelineOwner TimelineOwner => TimelineOwner.Incident(IncidentId);

    public IncidentState State => _stored.State;

    public bool Exists => _stored.RecordExists;

    public IGrainFactory Grains => grains;

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool HasUnstoredEntries => _unstoredEntries.Count > 0;

    /// <summary>The change being decided appends an entry of this kind.</summary>
    public bool Appends(TimelineEntryKind kind) => _unstoredEntries.Exists(e => e.Kind == kind);

    /// <summary>Incidents stored before units had models follow the SRE model, whose states match their status.</summary>
    public LifecycleModel Model => ModelOf(State);

    public string CurrentState => CurrentStateOf(State);

    /// <summary>
    /// The severity central command decided, else the assessed one, else the classification rules',
    /// else the alert's (critical is SEV1, info SEV4).
    /// </summary>
    public IncidentSeverity EffectiveSeverity => EffectiveSeverityOf(State);

    public static LifecycleModel ModelOf(IncidentState s) => s.Lifecycle ?? BusinessUnitDefaults.Sre;

    public static string CurrentStateOf(IncidentState s) => s.LifecycleState ?? s.Status switch
    {
        IncidentStatus.Triggered => "triggered",
        IncidentStatus.Acknowledged => "acknowledged",
        _ => "resolved",
    };

    public static IncidentSeverity EffectiveSeverityOf(IncidentState s) =>
        s.CentralSeverity ?? s.Impact?.Severity ?? s.Classification?.Severity ?? (IncidentSeverity)((int)s.Severity + 1);

    public Task<BusinessUnitDefinition> BusinessUnitPolicyAsync(CancellationToken cancellationToken) =>
        grains.GetGrain<IBusinessUnitGrain>(State.BusinessUnitId).GetPolicy(cancellationToken);

    public void StartNew() => _stored.StartNew();

    public Task LoadAsync(CancellationToken cancellationToken) => _stored.LoadAsync(cancellationToken);

    public Task WriteAsync(CancellationToken cancellationToken) => _stored.WriteStateAsync(cancellationToken);

    /// <summary>Swaps the whole state for another (retention's stub), stored by the next write over the same record.</summary>
    public void Replace(IncidentState state) => _stored.Replace(state);

    /// <summary>Verifies the timeline as storage holds it: an audit must see what was written, not this activation's copy.</summary>
    public async Task<TimelineVerification> VerifyStoredTimelineAsync(CancellationToken cancellationToken)
    {
        var stored = await _stored.ReadStoredAsync(cancellationToken) ?? throw new ResourceNotFoundException("Incident", IncidentId);
        return TimelineChain.Verify(TimelineOwner, stored.Timeline, stored.TimelineHead, timelineKey);
    }

    /// <summary>An archived timeline, verified against the head hot state stores: an archive rolled back or rewritten fails.</summary>
    public async Task<TimelineVerification> VerifyArchivedTimelineAsync(IncidentState archived, CancellationToken cancellationToken)
    {
        var stored = await _stored.ReadStoredAsync(cancellationToken) ?? throw new ResourceNotFoundException("Incident", IncidentId);
        return TimelineChain.Verify(TimelineOwner, archived.Timeline, stored.TimelineHead, timelineKey);
    }

    public void EnsureExists()
    {
        if (!Exists)
        {
            throw new ResourceNotFoundException("Incident", IncidentId);
        }
    }

    /// <summary>
    /// The one way an incident's timeline grows: chained, its head signed again, and stored by the same write. Pages sent
    /// since the last entry ride on this entry's event, which says why they were sent.
    /// </summary>
    public void Append(DateTimeOffset at, string actor, TimelineEntryKind kind, string message, IncidentEventData? data = null)
    {
        var entry = TimelineChain.Append(State.Timeline, TimelineOwner, at, actor, kind, message);
        State.TimelineHead = TimelineChain.SignHead(TimelineOwner, State.Timeline, timelineKey);
        _unstoredEntries.Add(entry);
        _unstoredData.Add(data ?? (_pagesSent.Count > 0 ? new PagesSent([.. _pagesSent]) : null));
        _pagesSent.Clear();
    }

    public void Append(DateTimeOffset at, EscalationDecision decision) => Append(at, decision.Actor, decision.Kind, decision.Message);

    /// <summary>Recorded, and carried by the event of the timeline entry appended next, which says why it was sent.</summary>
    public void AddPage(Page page, string? rotationId, ImmutableArray<DeliveryRecord> deliveries)
    {
        var pages = State.Pages;
        if (!pages.Exists(p => p.IdempotencyKey == page.IdempotencyKey && p.ResponderId == page.ResponderId))
        {
            var record = new PageRecord(page.IdempotencyKey, page.ResponderId, page.Level, page.Round, rotationId, page.PagedAt, deliveries);
            pages.Add(record);
            _pagesSent.Add(record);
        }
    }

    /// <summary>Pages people outside escalation (reminders, stakeholders) under keys that make a retried page a no-op.</summary>
    public async Task PageAsync(IEnumerable<string> people, Func<string, string> key, string reason, DateTimeOffset now, CancellationToken cancellationToken,
        bool reminder = false)
    {
        var s = State;
        var records = await Task.WhenAll(people.Select(person => grains.GetGrain<IResponderGrain>(person)
            .Page(new Page(key(person), IncidentId, person, s.Title, s.Severity, 0, 0, reason, now, reminder), cancellationToken)));
        foreach (var record in records)
        {
            AddPage(record.Page, rotationId: null, record.Deliveries);
        }
    }

    public Task ArmAsync(IncidentDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken) =>
        _deadlines.ArmAsync(deadline.Name, due, cancellationToken);

    public void DisarmAfterStore(IncidentDeadline deadline) => _deadlines.DisarmAfterStore(deadline.Name);

    public Task DisarmStoredAsync(Func<Task, Task> observe, CancellationToken cancellationToken) =>
        _deadlines.DisarmStoredAsync(observe, cancellationToken);

    /// <summary>Turns the decided change's timeline entries (and counted repeats) into numbered events in the outbox.</summary>
    public int SealEvents(string? region)
    {
        var s = State;
        if (s.AlertCount != s.AlertCountPublished)
        {
            _unstoredEntries.Add(new TimelineEntry(0, s.LastAlertAt, "alerts", TimelineEntryKind.AlertsCounted, $"{s.AlertCount} alerts counted", "", ""));
            _unstoredData.Add(new AlertsCounted(s.AlertCount, s.AlertCount - s.AlertCountPublished, s.LastAlertAt));
            s.AlertCountPublished = s.AlertCount;
        }
        var summary = Summary();
        for (var i = 0; i < _unstoredEntries.Count; i++)
        {
            var entry = _unstoredEntries[i];
            s.Outbox.Add(new IncidentEvent(IncidentId, ++s.EventSequence, entry.Kind, entry.At, entry.Actor, entry.Message,
                s.BusinessUnitId, s.ServiceId, region, summary, _unstoredData[i], s.IndexPage));
        }
        var count = _unstoredEntries.Count;
        _unstoredEntries.Clear();
        _unstoredData.Clear();
        _pagesSent.Clear();
        return count;
    }

    /// <summary>The stored state as one event for consumers rebuilding their projections, numbered as the latest event.</summary>
    public IncidentEvent Replay(string? region)
    {
        var s = State;
        var last = s.Timeline[^1];
        var acknowledgedByPaged = s.AcknowledgedBy is { } by && s.Pages.Exists(p => p.ResponderId == by) ? by : null;
        var data = new Replayed([.. s.Pages.Select(p => p.RotationId).OfType<string>().Distinct()], acknowledgedByPaged,
            acknowledgedByPaged is null ? null : s.AcknowledgedAt);
        return new IncidentEvent(IncidentId, s.EventSequence, TimelineEntryKind.Replayed, last.At, last.Actor, "replayed from stored state",
            s.BusinessUnitId, s.ServiceId, region, Summary(), data, s.IndexPage);
    }

    /// <summary>Drops every change not stored; the next call reads the incident as stored.</summary>
    public void Forget()
    {
        _stored.Forget();
        _unstoredEntries.Clear();
        _unstoredData.Clear();
        _pagesSent.Clear();
        _deadlines.ForgetUnstored();
    }

    public IncidentSummary Summary()
    {
        var s = State;
        return new IncidentSummary(IncidentId, s.ServiceId, s.BusinessUnitId, s.Title, s.Status, s.Severity,
            s.OpenedAt, s.Timeline[^1].At > s.LastAlertAt ? s.Timeline[^1].At : s.LastAlertAt, s.AlertCount, s.Version, [.. s.RestrictedTo],
            s.Archive?.ArchivedAt, s.Drill, MilestoneRules.Of(s), Traits(s), EffectiveSeverity, PublicStatusOf(s));
    }

    public static Communications.PublicStatus PublicStatusOf(IncidentState s) =>
        ModelOf(s).State(CurrentStateOf(s))?.Public
        ?? (s.Status == IncidentStatus.Resolved ? Communications.PublicStatus.Resolved : Communications.PublicStatus.Investigating);

    /// <summary>Escalated past its first level: automatically or by hand, as the timeline records.</summary>
    private static IncidentTraits Traits(IncidentState s) =>
        new(EffectiveSeverityOf(s), s.Category, s.Owner, s.Timeline.Exists(e => e.Kind == TimelineEntryKind.Escalated), s.DedupKey);
}
