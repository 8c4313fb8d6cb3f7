using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Incidents.Events;
using IncidentActors.Placement;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Placement;
using Orleans.Storage;

namespace IncidentActors.Incidents;

/// <summary>
/// The lifecycle of an incident; its escalation is in IncidentGrain.Escalation.cs. Its state is read when the first
/// call arrives rather than on activation: <see cref="Create"/>, called by the service that has just assigned the id,
/// starts without a read, so that opening an incident costs one storage write and no read.
/// A command decides in memory, stores once, and only then disarms deadlines and delivers its events; a write that
/// fails forgets the command's changes, so that its retry decides again from what is stored.
/// </summary>
[HomeRegionPlacement, Immovable]
internal sealed partial class IncidentGrain(
    [FromKeyedServices(StorageNames.Incidents)] IGrainStorage storage,
    IGrainContext context,
    IGrainFactory grains,
    TimeProvider clock,
    IOptions<IncidentOptions> options,
    HomeRegions homes,
    IncidentEventPublisher events,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IIncomingGrainCallFilter
{
    public const string UncategorizedCategory = "uncategorized";

    private readonly LazyGrainState<IncidentState> _state = new("incident", context.GrainId, storage);
    private readonly OwnedDeadlines _deadlines = new(grains, context.GrainId);
    private IGrainTimer? _writeBehind;

    // What the command being decided has changed beyond the state itself: the timeline entries' events, the pages sent
    // since the last entry. The deadlines to disarm once stored wait in _deadlines.
    private readonly List<TimelineEntry> _unstoredEntries = [];
    private readonly List<IncidentEventData?> _unstoredData = [];
    private readonly List<PageRecord> _pagesSent = [];

    // When the armed events deadline falls due; null when none is known to be armed.
    private DateTimeOffset? _redeliveryDue;

    // The outbox was emptied in memory since the last write, which still holds the delivered events.
    private bool _outboxStale;

    private string IncidentId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken) => homes.MoveHomeIfAwayAsync(this);

    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (call.ImplementationMethod.Name == nameof(Create))
        {
            _state.StartNew();
        }
        else
        {
            await _state.LoadAsync(CancellationToken.None);
            if (_state.State.Outbox.Count > 0 && call.ImplementationMethod.Name != nameof(OnDeadline))
            {
                // Stored by a silo that died before delivering them; the events deadline would deliver them too, later.
                await TryDrainAsync(CancellationToken.None);
            }
        }
        try
        {
            await call.Invoke();
        }
        catch (InconsistentStateException)
        {
            // Stored by someone else meanwhile (or not new after all): the next activation reads what is stored.
            DeactivateOnIdle();
            throw;
        }
        catch when (_unstoredEntries.Count > 0)
        {
            // Refused after deciding part of a change (a page or policy lookup failed): none of it is kept.
            Forget();
            throw;
        }
    }

    public async Task<TriggerResult> Create(AlertEvent alert, ServiceDefinition service, IncidentOpening opening, CancellationToken cancellationToken = default)
    {
        if (_state.RecordExists)
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' exists already; an incident is created once.");
        }
        await OpenAsync(alert, service, opening, cancellationToken);
        return new TriggerResult(Accepted: true, Opened: true, _state.State.Status, _state.State.AlertCount);
    }

    public async Task<TriggerResult> Trigger(AlertEvent alert, ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        var s = _state.State;
        var now = clock.GetUtcNow();
        if (!_state.RecordExists)
        {
            // Created by this trigger rather than by Create: its service failed between storing the id and creating it.
            await OpenAsync(alert, service, await IncidentOpenings.FetchAsync(GrainFactory, service.BusinessUnitId, 1, cancellationToken), cancellationToken);
            return new TriggerResult(Accepted: true, Opened: true, s.Status, s.AlertCount);
        }
        if (!IncidentLifecycle.AcceptsTriggers(s.Status))
        {
            return new TriggerResult(Accepted: false, Opened: false, s.Status, s.AlertCount);
        }

        s.AlertCount++;
        s.LastAlertAt = now;
        WriteBehind();
        return new TriggerResult(Accepted: true, Opened: false, s.Status, s.AlertCount);
    }

    public async Task<TriggerResult> AttachSymptom(AlertEvent alert, int count = 1, CancellationToken cancellationToken = default)
    {
        var s = _state.State;
        if (!_state.RecordExists || !IncidentLifecycle.AcceptsTriggers(s.Status))
        {
            return new TriggerResult(Accepted: false, Opened: false, s.Status, 0);
        }
        var now = clock.GetUtcNow();
        var index = s.Symptoms.FindIndex(x => x.ServiceId == alert.ServiceId);
        if (index >= 0)
        {
            var known = s.Symptoms[index];
            s.Symptoms[index] = known with { LastAt = now, AlertCount = known.AlertCount + count, LastSummary = alert.Summary };
            WriteBehind();
            return new TriggerResult(Accepted: true, Opened: false, s.Status, known.AlertCount + count);
        }
        s.Symptoms.Add(new Symptom(alert.ServiceId, now, now, count, alert.Summary));
        var actor = AlertActor(alert);
        Append(now, actor, TimelineEntryKind.SymptomAttached, $"Alerts on downstream service {alert.ServiceId} are counted here as a symptom: {alert.Summary}");
        await StoreAsync(cancellationToken);
        return new TriggerResult(Accepted: true, Opened: false, s.Status, count);
    }

    public Task<IncidentStatus?> GetStatus(CancellationToken cancellationToken = default) =>
        Task.FromResult(_state.RecordExists ? _state.State.Status : (IncidentStatus?)null);

    public async Task<IncidentView> Acknowledge(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        var s = _state.State;
        if (IncidentLifecycle.Acknowledge(IncidentId, s.Status))
        {
            await EnterAsync(AcknowledgedState(), CurrentState, clock.GetUtcNow(), action, cancellationToken);
        }
        return View();
    }

    public async Task<IncidentView> Resolve(ResponderAction action, CancellationToken cancellationToken = default)
    {
        ResponderActions.Validate(action);
        EnsureExists();
        var s = _state.State;
        if (IncidentLifecycle.Resolve(s.Status))
        {
            await EnterAsync(ResolvedState(), CurrentState, clock.GetUtcNow(), action, cancellationToken);
        }
        return View();
    }

    public Task<IncidentView> Get(CancellationToken cancellationToken = default)
    {
        EnsureExists();
        return Task.FromResult(View());
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_writeBehind is not null)
        {
            await StoreAsync(cancellationToken);
        }
        else if (_outboxStale)
        {
            // Not a change of the incident, so its version stays: the next activation would deliver these events again.
            await _state.WriteStateAsync(cancellationToken);
        }
    }

    private async Task OpenAsync(AlertEvent alert, ServiceDefinition service, IncidentOpening opening, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Open(alert, service, opening.Unit, now);
        _state.State.IndexPage = opening.IndexPage;
        Classify(alert, service, opening.Unit, opening.Rules, now);
        await StartEscalationAsync(service.EscalationPolicyId, now, cancellationToken);
        await SetClocksAsync(now, cancellationToken);
        await StoreAsync(cancellationToken);
        logger.LogInformation("Opened {IncidentId} on {ServiceId} for dedup key {DedupKey}", IncidentId, service.Id, _state.State.DedupKey);
    }

    private void Open(AlertEvent alert, ServiceDefinition service, BusinessUnitDefinition unit, DateTimeOffset now)
    {
        var s = _state.State;
        s.Lifecycle = unit.Lifecycle;
        s.LifecycleState = unit.Lifecycle.Initial.Name;
        s.TimeLimits = unit.TimeLimits.IsDefault ? [] : [.. unit.TimeLimits];
        s.ServiceId = service.Id;
        s.BusinessUnitId = service.BusinessUnitId;
        s.DedupKey = alert.DedupKey ?? "";
        s.Title = alert.Summary;
        s.Source = alert.Source;
        s.Component = alert.Component;
        s.Severity = alert.Severity;
        s.Status = IncidentStatus.Triggered;
        s.CustomDetails = new SortedDictionary<string, string>(alert.CustomDetails, StringComparer.Ordinal);
        s.OpenedAt = now;
        s.AlertCount = 1;
        s.AlertCountPublished = 1;
        s.LastAlertAt = now;
        s.Environment = alert.Environment ?? service.Environment ?? ServiceDefinition.DefaultEnvironment;
        s.Owner = alert.Owner ?? service.OwnerTeam;
        Append(now, AlertActor(alert), TimelineEntryKind.Opened, $"Opened by a {alert.Severity} alert from {alert.Source} via {alert.Integration}: {alert.Summary}");
    }

    /// <summary>The unit's rules in force give category and severity; an alert's own category stands unless a rule gives one.</summary>
    private void Classify(AlertEvent alert, ServiceDefinition service, BusinessUnitDefinition unit, ClassificationRules rules, DateTimeOffset now)
    {
        var s = _state.State;
        s.Classification = AlertClassifier.Classify(rules, alert, service.Impact, unit.Severity);
        s.Category = s.Classification?.Category ?? alert.Category ?? UncategorizedCategory;
        if (s.Classification is { } c)
        {
            Append(now, "classification", TimelineEntryKind.Classified,
                $"Classified by rule '{c.RuleName}' of version {c.RulesVersion}: {c.Category}, urgency {c.Urgency}, business impact {c.Impact}: {c.Severity}.");
        }
    }

    /// <summary>
    /// Changes that alter no lifecycle state (repeat counters, delivery receipts) are written behind,
    /// within <see cref="IncidentOptions.RepeatFlushInterval"/>, or with the next command's write.
    /// </summary>
    private void WriteBehind() =>
        _writeBehind ??= this.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions
        {
            DueTime = options.Value.RepeatFlushInterval,
            Period = Timeout.InfiniteTimeSpan,
        });

    /// <summary>
    /// Not on the timer's token: storing stops the timer, which cancels the token its running callback was given.
    /// Should the write fail, the next change arms the flush again.
    /// </summary>
    private Task FlushAsync(CancellationToken _) => StoreAsync(CancellationToken.None);

    private void StopWriteBehind()
    {
        _writeBehind?.Dispose();
        _writeBehind = null;
    }

    /// <summary>
    /// One write per command, after its rules passed. The change's events are stored with it in the outbox, and the
    /// events deadline armed beside the write delivers them should this silo die before it does. Only once stored are
    /// deadlines disarmed and the events delivered; a failed write forgets the change.
    /// </summary>
    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        // Anything written behind rides along with this write.
        StopWriteBehind();
        var s = _state.State;
        s.Version++;
        var sealedEvents = SealEvents();
        var redelivery = sealedEvents > 0 ? ArmRedeliveryAsync(cancellationToken) : Task.CompletedTask;
        try
        {
            await _state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Forget();
            throw;
        }
        finally
        {
            await ObserveAsync(redelivery);
        }
        _outboxStale = false;
        await _deadlines.DisarmStoredAsync(ObserveAsync, cancellationToken);
        await TryDrainAsync(cancellationToken);
    }

    /// <summary>Turns the decided change's timeline entries (and counted repeats) into numbered events in the outbox.</summary>
    private int SealEvents()
    {
        var s = _state.State;
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
                s.BusinessUnitId, s.ServiceId, homes.LocalRegion, summary, _unstoredData[i], s.IndexPage));
        }
        var count = _unstoredEntries.Count;
        _unstoredEntries.Clear();
        _unstoredData.Clear();
        _pagesSent.Clear();
        return count;
    }

    /// <summary>Armed once per window rather than per change: the one armed already delivers whatever the outbox holds when it fires.</summary>
    private async Task ArmRedeliveryAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_redeliveryDue is { } armed && armed > now)
        {
            return;
        }
        var due = now + options.Value.EventRedeliveryDelay;
        await ArmAsync(EventsDeadline.Instance, due, cancellationToken);
        _redeliveryDue = due;
    }

    /// <summary>Delivers what the outbox holds, oldest first; throws if a subscriber did not take it.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var outbox = _state.State.Outbox;
        if (outbox.Count == 0)
        {
            return;
        }
        var delivering = outbox.ToArray();
        await events.PublishAsync(delivering, cancellationToken);
        outbox.RemoveRange(0, delivering.Length);
        _outboxStale = true;
    }

    /// <summary>The change is stored whether or not its events could be delivered now; the events deadline delivers them later.</summary>
    private async Task TryDrainAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DrainAsync(cancellationToken);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Delivering the events of {IncidentId} failed; its events deadline delivers them again", IncidentId);
        }
    }

    /// <summary>The events deadline: delivers what a silo that died, or a subscriber that failed, left in the outbox.</summary>
    private Task OnEventsDeadlineAsync(CancellationToken cancellationToken)
    {
        _redeliveryDue = null;
        return _state.RecordExists ? DrainAsync(cancellationToken) : Task.CompletedTask;
    }

    private async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            // A deadline left armed is ignored when it fires; one not armed is armed again by the next change.
            _redeliveryDue = null;
            logger.LogWarning(e, "A deadline change of {IncidentId} beside its write failed", IncidentId);
        }
    }

    /// <summary>Drops every change not stored; the next call reads the incident as stored.</summary>
    private void Forget()
    {
        StopWriteBehind();
        _state.Forget();
        _unstoredEntries.Clear();
        _unstoredData.Clear();
        _pagesSent.Clear();
        _deadlines.ForgetUnstored();
    }

    private void Append(DateTimeOffset at, EscalationDecision decision) => Append(at, decision.Actor, decision.Kind, decision.Message);

    /// <summary>Pages sent since the last entry ride on this entry's event, which says why they were sent.</summary>
    private void Append(DateTimeOffset at, string actor, TimelineEntryKind kind, string message, IncidentEventData? data = null)
    {
        var entry = TimelineChain.Next(_state.State.Timeline, at, actor, kind, message);
        _state.State.Timeline.Add(entry);
        _unstoredEntries.Add(entry);
        _unstoredData.Add(data ?? (_pagesSent.Count > 0 ? new PagesSent([.. _pagesSent]) : null));
        _pagesSent.Clear();
    }

    private void EnsureExists()
    {
        if (!_state.RecordExists)
        {
            throw new ResourceNotFoundException("Incident", IncidentId);
        }
    }

    private static string AlertActor(AlertEvent alert) => $"integration:{alert.Integration}";


    private IncidentSummary Summary()
    {
        var s = _state.State;
        return new IncidentSummary(IncidentId, s.ServiceId, s.BusinessUnitId, s.Title, s.Status, s.Severity,
            s.OpenedAt, s.Timeline[^1].At > s.LastAlertAt ? s.Timeline[^1].At : s.LastAlertAt, s.AlertCount, s.Version);
    }

    private IncidentView View()
    {
        var s = _state.State;
        return new IncidentView(IncidentId, s.ServiceId, s.BusinessUnitId, s.DedupKey, s.Title, s.Source, s.Component,
            s.Severity, s.Status, s.CustomDetails.ToImmutableSortedDictionary(StringComparer.Ordinal), s.OpenedAt,
            s.AcknowledgedAt, s.AcknowledgedBy, s.ResolvedAt, s.ResolvedBy, s.AlertCount, s.LastAlertAt, s.Version,
            [.. s.Timeline], EscalationView(), [.. s.Pages], s.PendingHandover,
            LifecycleView(), s.Impact, [.. s.RegulatoryTags], [.. s.Stakeholders], EffectiveSeverity, [.. s.Roles], [.. s.Clocks], s.Major, s.CentralCommand,
            s.ResolutionNotes, s.Restoration ?? s.Major?.Restoration, s.ClosureReview, [.. s.LinkedItems],
            [.. s.TemporaryFixes], [.. s.Vendors], s.Environment, s.Owner, s.Category, s.Classification, [.. s.Symptoms]);
    }
}
