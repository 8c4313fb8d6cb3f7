using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
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
/// </summary>
[HomeRegionPlacement, Immovable]
internal sealed partial class IncidentGrain(
    [FromKeyedServices(StorageNames.Incidents)] IGrainStorage storage,
    IGrainContext context,
    TimeProvider clock,
    IOptions<IncidentOptions> options,
    HomeRegions homes,
    ILogger<IncidentGrain> logger) : Grain, IIncidentGrain, IIncomingGrainCallFilter
{
    public const string UncategorizedCategory = "uncategorized";

    private readonly LazyGrainState<IncidentState> _state = new("incident", context.GrainId, storage);
    private IGrainTimer? _writeBehind;

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

        if (alert.GroupAlertsFiring is { } firing)
        {
            // The event carries its group as last notified: the group's count and title replace the incident's.
            (s.AlertCount, s.Title) = (firing, alert.Summary);
        }
        else
        {
            s.AlertCount++;
        }
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
        await StoreAndPublishAsync(TimelineEntryKind.SymptomAttached, actor, cancellationToken);
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
        else
        {
            await IndexAsync(cancellationToken);
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
        else
        {
            await IndexAsync(cancellationToken);
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
            StopWriteBehind();
            _state.State.Version++;
            await _state.WriteStateAsync(cancellationToken);
            // Not awaited: while the silo shuts down the index may be deactivating too, and a listing
            // that misses these counters is repaired by the incident's next change.
            IndexAsync(CancellationToken.None).Ignore();
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
        await StoreAndPublishAsync(TimelineEntryKind.Opened, AlertActor(alert), cancellationToken);
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
        s.AlertCount = alert.GroupAlertsFiring ?? 1;
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

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            _state.State.Version++;
            await _state.WriteStateAsync(cancellationToken);
            await IndexAsync(cancellationToken);
        }
        finally
        {
            // Only now: disposing a grain timer cancels the token its running callback was given. Should the write
            // have failed, the next change arms the flush again.
            StopWriteBehind();
        }
    }

    private void StopWriteBehind()
    {
        _writeBehind?.Dispose();
        _writeBehind = null;
    }

    /// <summary>One write per command, after its rules passed; watchers and listings learn of it afterwards.</summary>
    private async Task StoreAndPublishAsync(TimelineEntryKind kind, string actor, CancellationToken cancellationToken)
    {
        // Anything written behind rides along with this write.
        StopWriteBehind();
        _state.State.Version++;
        await _state.WriteStateAsync(cancellationToken);
        await IndexAsync(cancellationToken);
        GrainFactory.GetGrain<IIncidentFeedGrain>(IIncidentFeedGrain.Global).Publish(new IncidentChange(Summary(), kind, actor)).Ignore();
    }

    /// <summary>Idempotent: the index keeps the newest version, so a retried command repairs a listing that missed it.</summary>
    private Task IndexAsync(CancellationToken cancellationToken) =>
        IncidentIndexPages.Page(GrainFactory, _state.State.BusinessUnitId, _state.State.IndexPage).Upsert(Summary(), cancellationToken);

    private void Append(DateTimeOffset at, string actor, TimelineEntryKind kind, string message) =>
        _state.State.Timeline.Add(TimelineChain.Next(_state.State.Timeline, at, actor, kind, message));

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
