using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Metrics;
using IncidentActors.Responders;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentActors.Reviews;

/// <summary>
/// One incident's post-incident review. It orchestrates beside plain rules (<see cref="ReviewDrafting"/>,
/// <see cref="ReviewValidator"/>, <see cref="ReviewPublishing"/>, <see cref="ReviewReminders"/>): it decides, stores,
/// then tells its unit's index. Its deadlines are its own: <c>setup</c> (the incident resolved), <c>review-nag</c>,
/// <c>item:N</c> (an action item's reminders), <c>tracker:N</c> (a sync to retry) and <c>effects</c>, which delivers
/// what incidents must hear (timeline notes, reopened items) outside any incident's call, so that a review never
/// waits on an incident that may be waiting on it, and tells the unit's index what a crash kept from it.
/// </summary>
internal sealed class PostIncidentReviewGrain(
    [PersistentState("review", StorageNames.Incidents)] IPersistentState<PostIncidentReviewState> state,
    TimeProvider clock,
    TrackerSync tracker,
    WebhookSecrets secrets,
    IOptions<IncidentOptions> options,
    ILogger<PostIncidentReviewGrain> logger) : Grain, IPostIncidentReviewGrain, IUnitScoped
{
    private const string SetupDeadline = "setup";
    private const string ReviewNagDeadline = "review-nag";
    private const string EffectsDeadline = "effects";
    private const string ItemPrefix = "item:";
    private const string TrackerPrefix = "tracker:";
    internal const string System = "reviews";

    private OwnedDeadlines? _deadlines;
    private DateTimeOffset? _effectsDue;

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    private string IncidentId => this.GetPrimaryKeyString();

    private PostIncidentReviewState State => state.State;

    private DateTimeOffset Now => clock.GetUtcNow();

    private IUnitReviewsGrain Unit => GrainFactory.GetGrain<IUnitReviewsGrain>(State.BusinessUnitId);

    /// <summary>
    /// The review belongs where its incident does, and hides as the incident does now: a restriction placed after the
    /// review was set up applies at once, and is stored with the review's next change.
    /// </summary>
    public async ValueTask<GrainScope?> ScopeAsync()
    {
        try
        {
            var incident = await GrainFactory.GetGrain<IIncidentGrain>(IncidentId).Summarize();
            var restrictedTo = incident.RestrictedTo.IsDefault ? [] : incident.RestrictedTo;
            if (State.Exists)
            {
                State.RestrictedTo = [.. restrictedTo];
            }
            return new GrainScope(incident.BusinessUnitId, restrictedTo);
        }
        catch (ResourceNotFoundException)
        {
            return State.Exists ? new GrainScope(State.BusinessUnitId, [.. State.RestrictedTo]) : null;
        }
    }

    public Task Schedule(CancellationToken cancellationToken = default) =>
        State.Exists ? Task.CompletedTask : Deadlines.ArmAsync(SetupDeadline, Now, cancellationToken);

    public async Task<ReviewView> Request(string reason, string actor, CancellationToken cancellationToken = default)
    {
        IncidentInput.Check(v => Services.AlertValidator.Text(v, "reason", reason, Services.AlertValidator.MaxSummaryLength, required: true));
        var reminding = State.Exists && State.Required;
        if (!State.Exists && !await SetUpAsync(byHand: true, cancellationToken))
        {
            throw new IllegalTransitionException($"Incident '{IncidentId}' is not resolved; its review is asked for once it is.");
        }
        var because = $"asked for by {actor}: {reason}";
        if (!State.RequiredBecause.Contains(because))
        {
            State.RequiredBecause.Add(because);
        }
        if (!reminding)
        {
            await StartRemindingAsync(cancellationToken);
        }
        await StoreAsync(cancellationToken);
        return View();
    }

    public Task<ReviewView> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    public Task<ReviewGate> GetGate(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ReviewGate(State.Required, State.Status == ReviewStatus.Published));

    public Task<ReviewView> AssignOwner(string owner, string actor, CancellationToken cancellationToken = default) => ChangeAsync(() =>
    {
        IncidentInput.Check(v => Services.AlertValidator.Identifier(v, "owner", owner, required: true));
        State.Owner = owner;
    }, cancellationToken);

    public Task<ReviewView> RecordAttendance(ParticipantKind kind, string participantId, bool attended, string actor,
        CancellationToken cancellationToken = default) => ChangeAsync(() =>
    {
        IncidentInput.Check(v =>
        {
            Services.AlertValidator.Identifier(v, "participant_id", participantId, required: true);
            if (!Enum.IsDefined(kind))
            {
                v.Add(new("kind", "must be a team or a responder."));
            }
        });
        EnsureNotPublished();
        var participants = State.Participants;
        var at = participants.FindIndex(p => p.Kind == kind && p.Id == participantId);
        // Teams the unit requires may not appear in the incident: recording them invites them.
        var recorded = new ReviewParticipant(kind, participantId, attended, actor);
        if (at < 0)
        {
            participants.Add(recorded);
        }
        else
        {
            participants[at] = recorded;
        }
    }, cancellationToken);

    public async Task<ReviewView> UpdateContent(ReviewContent content, string actor, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        content = content with
        {
            DecisionPoints = content.DecisionPoints.IsDefault ? [] : content.DecisionPoints,
            DetectionGaps = content.DetectionGaps.IsDefault ? [] : content.DetectionGaps,
            CommunicationBreakdowns = content.CommunicationBreakdowns.IsDefault ? [] : content.CommunicationBreakdowns,
            Factors = content.Factors.IsDefault ? [] : content.Factors,
        };
        var categories = await Unit.GetTaxonomy(State.TaxonomyVersion, cancellationToken);
        ReviewValidator.Content(content, categories, State.People.Concat(State.Participants.Where(p => p.Kind == ParticipantKind.Responder).Select(p => p.Id)));
        EnsureNotPublished();
        State.Content = content;
        await StoreAsync(cancellationToken);
        return View();
    }

    public Task<ReviewView> EditReconstruction(int sequence, string text, string actor, CancellationToken cancellationToken = default) => ChangeAsync(() =>
    {
        IncidentInput.Check(v => Services.AlertValidator.Text(v, "text", text, IncidentInput.MaxDetailLength, required: true));
        EnsureNotPublished();
        var at = State.Reconstruction.FindIndex(e => e.Sequence == sequence);
        if (at < 0)
        {
            throw new ResourceNotFoundException("Reconstruction entry", $"{IncidentId}/{sequence}");
        }
        var entry = State.Reconstruction[at];
        State.Edits.Add(new ReconstructionEdit(sequence, Now, actor, entry.Text, text));
        State.Reconstruction[at] = entry with { Text = text, Edited = true };
    }, cancellationToken);

    public Task<ReviewView> Submit(string actor, CancellationToken cancellationToken = default) => ChangeAsync(() =>
    {
        if (State.Status != ReviewStatus.Draft)
        {
            throw new IllegalTransitionException($"The review of incident '{IncidentId}' is {State.Status}; only a draft is submitted for review.");
        }
        State.Status = ReviewStatus.InReview;
    }, cancellationToken);

    public async Task<ReviewView> Publish(string actor, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        if (State.Status != ReviewStatus.InReview)
        {
            throw new IllegalTransitionException($"The review of incident '{IncidentId}' is {State.Status}; it is published from in review.");
        }
        var policy = await Unit.GetPolicy(cancellationToken);
        var missing = ReviewPublishing.Missing(State, policy?.RequiredTeams ?? []);
        if (missing.Count > 0)
        {
            throw new IllegalTransitionException($"The review of incident '{IncidentId}' cannot be published yet: {string.Join("; ", missing)}.");
        }
        var now = Now;
        var s = State;
        (s.Status, s.PublishedAt, s.PublishedBy) = (ReviewStatus.Published, now, actor);
        (s.Internal, s.External) = (ReviewPublishing.Internal(s, now), ReviewPublishing.External(s, now));
        var late = now > s.DueAt ? $", {(now - s.DueAt).TotalHours:0} h after it was due" : "";
        Tell(IncidentId, TimelineEntryKind.ReviewPublished, "published", actor, $"Post-incident review published{late}", now);
        var categories = s.Content.Factors.Select(f => f.Category).Distinct(StringComparer.Ordinal).ToImmutableArray();
        foreach (var item in await Unit.EffectiveItemsSharing(IncidentId, s.ServiceId, categories, cancellationToken))
        {
            s.Pending.Add(new PendingEffect(item.IncidentId, Note: null, item));
            Tell(IncidentId, TimelineEntryKind.ActionItemReopened, $"reopens:{item.IncidentId}/{item.Number}", actor,
                $"Reopened action item {item.Number} of incident {item.IncidentId}: this incident shares its contributing factors and service", now);
        }
        Deadlines.DisarmAfterStore(ReviewNagDeadline);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<ActionItem> AddActionItem(ActionItemDraft draft, string actor, CancellationToken cancellationToken = default)
    {
        EnsureExists();
        ReviewValidator.ActionItem(draft, Now);
        var number = State.ActionItems.Count + 1;
        var item = new ActionItem(number, draft.Kind, draft.Title, draft.Owner, draft.DueAt, draft.VerificationCriteria, ActionItemStatus.Open, Now, actor,
            ReopenedBy: [], NextNagAt: ReviewReminders.ItemNagAt(draft.DueAt, 0));
        State.ActionItems.Add(item);
        await Deadlines.ArmAsync(ItemPrefix + number, item.NextNagAt!.Value, cancellationToken);
        await StoreAsync(cancellationToken);
        return item;
    }

    public async Task<ActionItem> RecordVerification(int number, string evidence, string actor, CancellationToken cancellationToken = default)
    {
        var item = Item(number);
        ReviewValidator.Evidence(evidence);
        if (item.Status != ActionItemStatus.Open)
        {
            throw new IllegalTransitionException($"Action item {number} of incident '{IncidentId}' is {item.Status} already.");
        }
        if (item.Owner == actor)
        {
            throw new IllegalTransitionException($"{actor} owns action item {number} of incident '{IncidentId}'; someone else must verify it done.");
        }
        Deadlines.DisarmAfterStore(ItemPrefix + number);
        return await ReplaceItemAsync(item with { Status = ActionItemStatus.Done, VerifiedBy = actor, VerifiedAt = Now, Evidence = evidence, NextNagAt = null },
            cancellationToken);
    }

    public async Task<ActionItem> MarkEffective(int number, string actor, CancellationToken cancellationToken = default)
    {
        var item = Item(number);
        if (item.Status != ActionItemStatus.Done)
        {
            throw new IllegalTransitionException($"Action item {number} of incident '{IncidentId}' is {item.Status}; only a verified item is marked effective.");
        }
        return await ReplaceItemAsync(item with { Status = ActionItemStatus.Effective, EffectiveAt = Now, EffectiveBy = actor }, cancellationToken);
    }

    public async Task Reopen(int number, string byIncidentId, CancellationToken cancellationToken = default)
    {
        var item = Item(number);
        if (item.Status != ActionItemStatus.Effective || item.ReopenedBy.Contains(byIncidentId))
        {
            return;
        }
        var now = Now;
        Tell(IncidentId, TimelineEntryKind.ActionItemReopened, $"reopened:{number}/{byIncidentId}", System,
            $"Action item {number} reopened: incident {byIncidentId} shares its contributing factors and service", now);
        // Its owner hears of it at once, then daily with the unit, as for an item overdue.
        await Deadlines.ArmAsync(ItemPrefix + number, now, cancellationToken);
        await ReplaceItemAsync(item with { Status = ActionItemStatus.Open, ReopenedBy = item.ReopenedBy.Add(byIncidentId), Nags = 0, NextNagAt = now },
            cancellationToken);
    }

    public async Task<ActionItem> LinkToTracker(int number, string? key, string actor, CancellationToken cancellationToken = default)
    {
        var item = Item(number);
        IncidentInput.Check(v => Services.AlertValidator.Text(v, "key", key, Services.AlertValidator.MaxLabelLength, required: false));
        if ((await Unit.GetPolicy(cancellationToken))?.Tracker is null)
        {
            throw new IllegalTransitionException($"Business unit '{State.BusinessUnitId}' has no tracker in its review policy.");
        }
        return await ReplaceItemAsync(item with { Tracker = new TrackerLink(key, null, SyncPending: true, 0, null, null, item.Tracker?.Sync ?? 0) }, cancellationToken);
    }

    public Task<ImmutableArray<ActionItem>> ActionItems(CancellationToken cancellationToken = default) => Task.FromResult<ImmutableArray<ActionItem>>([.. State.ActionItems]);

    // Deadlines

    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        switch (name)
        {
            case SetupDeadline when !State.Exists:
                await SetUpAsync(byHand: false, cancellationToken);
                break;
            case ReviewNagDeadline:
                await OnReviewNagAsync(cancellationToken);
                break;
            case EffectsDeadline:
                _effectsDue = null;
                await DeliverEffectsAsync(cancellationToken);
                break;
            case not null when name.StartsWith(ItemPrefix, StringComparison.Ordinal) && int.TryParse(name[ItemPrefix.Length..], out var item):
                await OnItemNagAsync(item, cancellationToken);
                break;
            case not null when name.StartsWith(TrackerPrefix, StringComparison.Ordinal) && int.TryParse(name[TrackerPrefix.Length..], out var synced):
                await SyncAsync(synced, cancellationToken);
                break;
        }
    }

    /// <summary>Reads the resolved incident and its unit's policy; false when there is nothing to review (not resolved, or the unit reviews nothing).</summary>
    private async Task<bool> SetUpAsync(bool byHand, CancellationToken cancellationToken)
    {
        var incident = await GrainFactory.GetGrain<IIncidentGrain>(IncidentId).Get(cancellationToken);
        if (incident.Status != IncidentStatus.Resolved)
        {
            return false;
        }
        var unit = GrainFactory.GetGrain<IUnitReviewsGrain>(incident.BusinessUnitId);
        var policy = await unit.GetPolicy(cancellationToken);
        if (policy is null && !byHand)
        {
            return false;
        }
        var window = TimeSpan.FromDays(policy?.RecurrenceWindowDays ?? 0);
        var similar = window > TimeSpan.Zero
            ? await unit.Similar(IncidentId, incident.ServiceId, incident.Category, incident.OpenedAt, window, cancellationToken)
            : [];
        var people = ReviewDrafting.PersonIds(incident);
        ReviewDrafting.Start(State, incident, policy, similar, await NamesAsync(people, cancellationToken));
        if (State.Required && !byHand)
        {
            await StartRemindingAsync(cancellationToken);
        }
        if (!byHand)
        {
            await StoreAsync(cancellationToken);
        }
        logger.LogInformation("Review of {IncidentId} set up, due {DueAt}, required: {Required}", IncidentId, State.DueAt, State.Required);
        return true;
    }

    /// <summary>Tells the incident the review is due, and arms the first reminder.</summary>
    private async Task StartRemindingAsync(CancellationToken cancellationToken)
    {
        Tell(IncidentId, TimelineEntryKind.ReviewScheduled, "scheduled", System,
            $"Post-incident review required ({string.Join("; ", State.RequiredBecause)}), owned by {State.Owner}, due {State.DueAt:u}", Now);
        await ArmReviewNagAsync(cancellationToken);
    }

    private Task ArmReviewNagAsync(CancellationToken cancellationToken) =>
        ReviewReminders.ReviewNagAt(State.DueAt, State.ReviewNags) is { } at ? Deadlines.ArmAsync(ReviewNagDeadline, at, cancellationToken) : Task.CompletedTask;

    private async Task OnReviewNagAsync(CancellationToken cancellationToken)
    {
        var s = State;
        if (!s.Required || s.Status == ReviewStatus.Published || ReviewReminders.ReviewNagAt(s.DueAt, s.ReviewNags) is not { } at)
        {
            return;
        }
        var now = Now;
        if (now < at)
        {
            // Armed again after a crash between this review's write and its arming: keep the stored one.
            await ArmReviewNagAsync(cancellationToken);
            return;
        }
        var nag = s.ReviewNags;
        if (nag >= 1 && s.OverdueSince is null)
        {
            s.OverdueSince = s.DueAt;
            Tell(IncidentId, TimelineEntryKind.ReviewOverdue, "overdue", System, $"Post-incident review overdue: it was due {s.DueAt:u}", now);
        }
        var reason = nag == 0 ? $"Post-incident review due {s.DueAt:u}" : $"Post-incident review overdue since {s.DueAt:u}";
        await RemindAsync("review", nag, nag >= ReviewReminders.ReviewEscalatesAt, s.Owner, reason, now, cancellationToken);
        s.ReviewNags++;
        await StoreAsync(cancellationToken);
        await ArmReviewNagAsync(cancellationToken);
    }

    private async Task OnItemNagAsync(int number, CancellationToken cancellationToken)
    {
        if (State.ActionItems.Find(i => i.Number == number) is not { Status: ActionItemStatus.Open, NextNagAt: { } at } item)
        {
            return;
        }
        var now = Now;
        if (now < at)
        {
            await Deadlines.ArmAsync(ItemPrefix + number, at, cancellationToken);
            return;
        }
        // A reopened item counts its reminders from zero again, under keys of their own.
        var what = item.ReopenedBy.IsDefaultOrEmpty ? $"item{number}" : $"item{number}/R{item.ReopenedBy.Length}";
        await RemindAsync(what, item.Nags, item.Nags >= ReviewReminders.ItemEscalatesAt, item.Owner,
            $"Action item {number} ({item.Title}) of incident {IncidentId}'s review was due {item.DueAt:u}", now, cancellationToken);
        var next = ReviewReminders.ItemNagAt(item.DueAt, item.Nags + 1) is { } scheduled && scheduled > now ? scheduled : now + ReviewReminders.Repeat;
        var nagged = item with { Nags = item.Nags + 1, NextNagAt = item.Nags + 1 < ReviewReminders.MaxNags ? next : null };
        await ReplaceItemAsync(nagged, cancellationToken);
        if (nagged.NextNagAt is { } following)
        {
            await Deadlines.ArmAsync(ItemPrefix + number, following, cancellationToken);
        }
    }

    /// <summary>Pages the owner and, once reminders escalate, the unit's admins and commanders, as the incident's reminders page people.</summary>
    private async Task RemindAsync(string what, int nag, bool unitToo, string owner, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var people = new List<string> { owner };
        if (unitToo)
        {
            people.AddRange(await UnitLeads.FindAsync(GrainFactory, State.BusinessUnitId, cancellationToken));
        }
        var severity = (AlertSeverity)((int)State.Severity - 1);
        await Task.WhenAll(people.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Select(person => GrainFactory.GetGrain<IResponderGrain>(person)
            .Page(new Page(ReviewReminders.Key(IncidentId, what, nag, person), IncidentId, person, $"Review: {State.Title}", severity, 0, 0, reason, now, Reminder: true),
                cancellationToken)));
    }

    /// <summary>
    /// Delivers the pending effects in order, then indexes what the index may have missed; what was done is forgotten
    /// even when a later step fails, which the shard then retries.
    /// </summary>
    private async Task DeliverEffectsAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        var indexed = false;
        try
        {
            foreach (var effect in State.Pending)
            {
                await DeliverAsync(effect, cancellationToken);
                delivered++;
            }
            if (State.IndexStale)
            {
                await ProjectAsync(cancellationToken);
                (State.IndexStale, indexed) = (false, true);
            }
        }
        finally
        {
            if (delivered > 0 || indexed)
            {
                State.Pending.RemoveRange(0, delivered);
                await state.WriteStateAsync(cancellationToken);
            }
        }
    }

    /// <summary>
    /// What the unit's index and the metrics keep of the review: both learn of each change, and both are caught up by the
    /// effects deadline when this fails.
    /// </summary>
    private async Task ProjectAsync(CancellationToken cancellationToken)
    {
        await Unit.Index(ReviewDrafting.Summary(IncidentId, State), cancellationToken);
        if (ReviewDrafting.MetricFacts(IncidentId, State, Now) is { } facts)
        {
            await GrainFactory.GetGrain<IMetricsBucketGrain>(IMetricsBucketGrain.Key(State.BusinessUnitId, State.OpenedAt)).RecordReviewFacts(facts, cancellationToken);
        }
    }

    private async Task DeliverAsync(PendingEffect effect, CancellationToken cancellationToken)
    {
        try
        {
            if (effect.Note is { } note)
            {
                await GrainFactory.GetGrain<IIncidentGrain>(effect.IncidentId).RecordReviewNote(note, cancellationToken);
            }
            if (effect.Reopen is { } reopen)
            {
                await GrainFactory.GetGrain<IPostIncidentReviewGrain>(reopen.IncidentId).Reopen(reopen.Number, IncidentId, cancellationToken);
            }
        }
        catch (Exception e) when (e is IllegalTransitionException or ResourceNotFoundException)
        {
            // An archived or vanished incident takes no more entries; retrying would not change that.
            logger.LogWarning(e, "Review of {IncidentId} dropped what it had for {Target}", IncidentId, effect.IncidentId);
        }
    }

    private async Task SyncAsync(int number, CancellationToken cancellationToken)
    {
        if (State.ActionItems.Find(i => i.Number == number) is not { Tracker.SyncPending: true } item
            || await Unit.GetPolicy(cancellationToken) is not { Tracker: { } webhook })
        {
            return;
        }
        var link = item.Tracker!;
        var secret = secrets.Unprotect(webhook.Secret);
        var reply = secret is null ? new TrackerReply(null, null, "tracker secret unreadable", Retryable: false)
            : await tracker.SendAsync(webhook, secret, IncidentId, item, cancellationToken);
        var attempts = link.Attempts + 1;
        var now = Now;
        if (reply.Error is null)
        {
            await ReplaceItemAsync(item with { Tracker = link with { Key = reply.Key ?? link.Key, Status = reply.Status, SyncPending = false, Attempts = attempts, SyncedAt = now, Error = null } }, cancellationToken, sync: false);
            return;
        }
        var retry = reply.Retryable && attempts < DeliveryBackoff.MaxAttempts;
        await ReplaceItemAsync(item with { Tracker = link with { SyncPending = retry, Attempts = attempts, Error = reply.Error } }, cancellationToken, sync: false);
        if (retry)
        {
            await Deadlines.ArmAsync(TrackerPrefix + number, now + DeliveryBackoff.DelayBefore(attempts + 1), cancellationToken);
        }
    }

    // Storing

    private async Task<ReviewView> ChangeAsync(Action decide, CancellationToken cancellationToken)
    {
        EnsureExists();
        decide();
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>A linked item that changed is synced again on its tracker deadline, armed before the write.</summary>
    private async Task<ActionItem> ReplaceItemAsync(ActionItem item, CancellationToken cancellationToken, bool sync = true)
    {
        if (sync && item.Tracker is { } link)
        {
            item = item with { Tracker = link with { SyncPending = true, Attempts = 0, Error = null, Sync = link.Sync + 1 } };
            await Deadlines.ArmAsync(TrackerPrefix + item.Number, Now, cancellationToken);
        }
        State.ActionItems[State.ActionItems.FindIndex(i => i.Number == item.Number)] = item;
        await StoreAsync(cancellationToken);
        return item;
    }

    /// <summary>
    /// One write per command; a failed write forgets the change. The unit's index learns of it after the write, an
    /// outbox of one flag: the write stores the index as stale and the effects deadline, armed before it, indexes again
    /// if a crash or a failed call came in between (and delivers pending effects at once).
    /// </summary>
    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        State.IndexStale = true;
        await ArmEffectsAsync(State.Pending.Count > 0 ? Now : Now + options.Value.EventRedeliveryDelay, cancellationToken);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            Deadlines.ForgetUnstored();
            await state.ReadStateAsync(cancellationToken);
            throw;
        }
        await Deadlines.DisarmStoredAsync(ObserveAsync, cancellationToken);
        try
        {
            await ProjectAsync(cancellationToken);
            // Stored as stale until the next write: the effects deadline then indexes again, which changes nothing.
            State.IndexStale = false;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Indexing the review of {IncidentId} failed; its effects deadline indexes it again", IncidentId);
        }
    }

    private async Task ObserveAsync(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Disarming a deadline of the review of {IncidentId} failed; it is ignored when it fires", IncidentId);
        }
    }

    /// <summary>Once per window rather than per change: an effects deadline armed no later than <paramref name="due"/> does.</summary>
    private async Task ArmEffectsAsync(DateTimeOffset due, CancellationToken cancellationToken)
    {
        if (_effectsDue <= due)
        {
            return;
        }
        await Deadlines.ArmAsync(EffectsDeadline, due, cancellationToken);
        _effectsDue = due;
    }

    private void Tell(string incidentId, TimelineEntryKind kind, string key, string actor, string message, DateTimeOffset at) =>
        State.Pending.Add(new PendingEffect(incidentId, new IncidentReviewNote($"review:{IncidentId}/{key}", kind, at, actor, message, State.DueAt, State.PublishedAt), null));

    /// <summary>The names responder records give the incident's people, which factors must not use either.</summary>
    private async Task<IReadOnlyList<string>> NamesAsync(IEnumerable<string> people, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        foreach (var person in people)
        {
            try
            {
                names.Add((await GrainFactory.GetGrain<IResponderGrain>(person).Get(cancellationToken)).Name);
            }
            catch (ResourceNotFoundException)
            {
                // Paged or acting without a responder record: the id is all there is.
            }
        }
        return names;
    }

    private ActionItem Item(int number)
    {
        EnsureExists();
        return State.ActionItems.Find(i => i.Number == number) ?? throw new ResourceNotFoundException("Action item", $"{IncidentId}/{number}");
    }

    private void EnsureExists()
    {
        if (!State.Exists)
        {
            throw new ResourceNotFoundException("Post-incident review", IncidentId);
        }
    }

    private void EnsureNotPublished()
    {
        if (State.Status == ReviewStatus.Published)
        {
            throw new IllegalTransitionException($"The review of incident '{IncidentId}' is published; a published review is not edited.");
        }
    }

    private ReviewView View()
    {
        EnsureExists();
        return ReviewDrafting.View(IncidentId, State);
    }
}
