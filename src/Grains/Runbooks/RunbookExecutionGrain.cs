using System.Globalization;
using IncidentActors.Access;
using IncidentActors.Audit;
using IncidentActors.Deadlines;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Runbooks;

/// <summary>
/// One runbook run on one incident, keyed <c>&lt;incident&gt;/&lt;runbook&gt;</c>. It drives its steps on its own durable
/// deadline <c>runbook-run</c>, never inside the incident's calls, and stores after each drive: a silo killed mid-run
/// leaves the deadline in its shard, a survivor fires it, and the step is driven again under the same idempotency key,
/// which the endpoint deduplicates and the incident's timeline records once. A manual step, a high-risk step without
/// an approval, or an open breaker pauses the run until a person acts; approvals are kept whenever they come.
/// </summary>
internal sealed class RunbookExecutionGrain(
    [PersistentState("runbookExecution", StorageNames.Incidents)] IPersistentState<RunbookExecutionState> state,
    RunbookCalls calls,
    TimeProvider clock,
    ILogger<RunbookExecutionGrain> logger) : Grain, IRunbookExecutionGrain, IUnitScoped
{
    public const string Deadline = "runbook-run";

    private OwnedDeadlines? _deadlines;

    private OwnedDeadlines Deadlines => _deadlines ??= new(GrainFactory, this.GetGrainId());

    private RunbookExecutionState State => state.State;

    private string Key => this.GetPrimaryKeyString();

    private string IncidentId => Key[..Key.LastIndexOf('/')];

    private string RunbookId => Key[(Key.LastIndexOf('/') + 1)..];

    private IIncidentGrain Incident => GrainFactory.GetGrain<IIncidentGrain>(IncidentId);

    private RunbookDefinition Runbook => State.Runbook ?? throw new ResourceNotFoundException("Runbook execution", Key);

    private IEnumerable<RunbookStepResult> RunResults => State.Results.Skip(State.RunResultsFrom);

    private DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The run belongs where its incident does, and hides as the incident does.</summary>
    public async ValueTask<GrainScope?> ScopeAsync()
    {
        try
        {
            var incident = await Incident.Summarize();
            return new GrainScope(incident.BusinessUnitId, incident.RestrictedTo.IsDefault ? [] : incident.RestrictedTo);
        }
        catch (ResourceNotFoundException)
        {
            return State.Runbook is { } runbook ? new GrainScope(runbook.BusinessUnitId) : null;
        }
    }

    public async Task<RunbookExecutionView> Start(RunbookStart start, CancellationToken cancellationToken = default)
    {
        var byRule = start.RequestedBy == RunbookRules.RuleActor;
        if (State.Runbook is not null && State.Status != RunbookExecutionStatus.Skipped
            && (byRule || State.Status is not (RunbookExecutionStatus.Completed or RunbookExecutionStatus.RolledBack)))
        {
            return byRule ? View() : throw new IllegalTransitionException(
                $"Runbook '{RunbookId}' is {State.Status} on incident '{IncidentId}'; it starts again once completed or rolled back.");
        }
        var unit = start.BusinessUnitId ?? (await Incident.Summarize(cancellationToken)).BusinessUnitId;
        var runbook = await GrainFactory.GetGrain<IUnitRunbooksGrain>(unit).Get(RunbookId, start.Version, cancellationToken);
        var now = Now;
        // Armed before the write: a crash in between leaves a deadline this grain ignores, never a run nobody drives.
        await Deadlines.ArmAsync(Deadline, now, cancellationToken);
        var s = State;
        (s.Runbook, s.Status, s.NextStep, s.Run, s.RequestedBy, s.Trigger, s.DryRun) =
            (runbook, RunbookExecutionStatus.Running, 0, s.Run + 1, start.RequestedBy, start.Trigger, start.DryRun);
        (s.ConsecutiveFailures, s.BreakerReason, s.BreakerOpenedAt, s.NextAttemptAt, s.Attempts) = (0, null, null, null, 0);
        (s.RunResultsFrom, s.StartedAt, s.Note, s.Begun, s.RolledBack) = (s.Results.Count, now, null, false, false);
        s.Approvals.Clear();
        await StoreAsync(cancellationToken);
        return View();
    }

    public Task<RunbookExecutionView> Get(CancellationToken cancellationToken = default) => Task.FromResult(View());

    /// <summary>Stored first and armed after: the fired deadline stays in its shard until this returns, and fires again after a crash.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        if (name != Deadline || State.Runbook is null || State.Status != RunbookExecutionStatus.Running)
        {
            return;
        }
        if (State.NextAttemptAt is { } waiting && waiting > Now)
        {
            await Deadlines.ArmAsync(Deadline, waiting, cancellationToken);
            return;
        }
        State.NextAttemptAt = null;
        var retryAt = await DriveAsync(cancellationToken);
        await StoreAsync(cancellationToken);
        if (retryAt is { } at)
        {
            await Deadlines.ArmAsync(Deadline, at, cancellationToken);
        }
    }

    public async Task<RunbookExecutionView> CompleteManualStep(int step, string? option, string? note, Principal caller,
        CancellationToken cancellationToken = default)
    {
        var runbook = Runbook;
        var s = StepAt(step);
        IncidentInput.Check(v =>
        {
            if (s.Kind != RunbookStepKind.Manual)
            {
                v.Add(new("step", $"step {step} '{s.Name}' is automated; the runbook runs it."));
            }
            else if (s.Options.IsEmpty ? !string.IsNullOrEmpty(option) : !s.Options.Contains(option ?? ""))
            {
                v.Add(new("option", s.Options.IsEmpty ? $"step {step} '{s.Name}' offers no options." : $"must be one of {string.Join(", ", s.Options)}."));
            }
            AlertValidator.Text(v, "note", note, IncidentInput.MaxDetailLength, required: false);
        });
        if (RunResults.Any(r => r.Step == step && r.Outcome == RunbookStepOutcome.Done))
        {
            return View();
        }
        if (State.Status != RunbookExecutionStatus.AwaitingPerson || State.NextStep != step - 1)
        {
            throw new IllegalTransitionException($"Runbook '{runbook.Id}' on incident '{IncidentId}' is not waiting for step {step} '{s.Name}' ({Waiting()}).");
        }
        var now = Now;
        var chose = option is { Length: > 0 } ? $": chose '{option}'" : "";
        var said = string.IsNullOrEmpty(note) ? "" : $" ({note})";
        await RecordAsync(TimelineEntryKind.RunbookStepDone, $"step/{step}/done", $"{Name(runbook)} step {step} '{s.Name}' completed by {caller.Id}{chose}{said}",
            caller.Id, cancellationToken);
        State.Results.Add(new RunbookStepResult(step, s.Name, RunbookStepOutcome.Done, null, $"completed{chose}{said}", caller.Id, null, now, now,
            string.IsNullOrEmpty(option) ? null : option));
        State.NextStep++;
        State.Status = RunbookExecutionStatus.Running;
        await Deadlines.ArmAsync(Deadline, now, cancellationToken);
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<RunbookExecutionView> ApproveStep(int step, Principal caller, CancellationToken cancellationToken = default)
    {
        var runbook = Runbook;
        var s = StepAt(step);
        if (s is not { Kind: RunbookStepKind.Automated, HighRisk: true })
        {
            throw new InvalidRequestException("step", $"step {step} '{s.Name}' is not a high-risk automated step; it needs no approval.");
        }
        if (RunbookRules.ApprovalRefusal(caller, State.RequestedBy, runbook.BusinessUnitId) is { } refusal)
        {
            throw new PermissionDeniedException(refusal + ".");
        }
        if (State.Approvals.Exists(a => a.Step == step))
        {
            return View();
        }
        if (State.DryRun || State.Status is RunbookExecutionStatus.Completed or RunbookExecutionStatus.RolledBack or RunbookExecutionStatus.Skipped)
        {
            throw new IllegalTransitionException($"Runbook '{runbook.Id}' on incident '{IncidentId}' {(State.DryRun ? "is a dry run, which calls nothing" : $"is {State.Status}")}; nothing to approve.");
        }
        var now = Now;
        var resumes = State.Status == RunbookExecutionStatus.AwaitingApproval && State.NextStep == step - 1;
        await RecordAsync(TimelineEntryKind.RunbookStepApproved, $"step/{step}/approved",
            $"{Name(runbook)} step {step} '{s.Name}' approved by {caller.Id} (started by {State.RequestedBy}){(resumes ? "" : ", ahead of the run reaching it")}",
            caller.Id, cancellationToken);
        State.Approvals.Add(new RunbookApproval(step, caller.Id, now));
        if (resumes)
        {
            State.Status = RunbookExecutionStatus.Running;
            await Deadlines.ArmAsync(Deadline, now, cancellationToken);
        }
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<RunbookExecutionView> Rollback(string? note, Principal caller, CancellationToken cancellationToken = default)
    {
        var runbook = Runbook;
        IncidentInput.Check(v => AlertValidator.Text(v, "note", note, IncidentInput.MaxDetailLength, required: false));
        if (State.RolledBack)
        {
            return View();
        }
        if (State.DryRun || State.Status == RunbookExecutionStatus.Skipped)
        {
            throw new IllegalTransitionException($"Runbook '{runbook.Id}' on incident '{IncidentId}' changed nothing ({(State.DryRun ? "a dry run" : "skipped")}); there is nothing to roll back.");
        }
        await RollBackDoneAsync(caller.Id, string.IsNullOrEmpty(note) ? "on request" : $"on request: {note}", cancellationToken);
        State.Status = RunbookExecutionStatus.RolledBack;
        await StoreAsync(cancellationToken);
        return View();
    }

    public async Task<RunbookExecutionView> ResetBreaker(string? note, Principal caller, CancellationToken cancellationToken = default)
    {
        var runbook = Runbook;
        IncidentInput.Check(v => AlertValidator.Text(v, "note", note, IncidentInput.MaxDetailLength, required: false));
        if (caller.Kind != PrincipalKind.Person || !caller.Holds(RunbookRules.Deciders, runbook.BusinessUnitId))
        {
            throw new PermissionDeniedException($"Only a person who commands or administers business unit '{runbook.BusinessUnitId}' resets a runbook's breaker; " +
                $"{caller.Id} {(caller.Kind == PrincipalKind.Person ? "does not" : "is an integration key")}.");
        }
        if (State.BreakerReason is null)
        {
            throw new IllegalTransitionException($"The breaker of runbook '{runbook.Id}' on incident '{IncidentId}' is closed; there is nothing to reset.");
        }
        var now = Now;
        var next = State.RolledBack ? $"run {State.Run + 1} starts from step 1" : $"the run goes on at step {State.NextStep + 1}";
        await RecordAsync(TimelineEntryKind.RunbookBreakerReset, $"breaker/{State.BreakerOpenings}/reset",
            $"{Name(runbook)} breaker reset by {caller.Id}{(string.IsNullOrEmpty(note) ? "" : $" ({note})")}: {next}", caller.Id, cancellationToken);
        var s = State;
        if (s.RolledBack)
        {
            (s.Run, s.NextStep, s.RunResultsFrom, s.RolledBack) = (s.Run + 1, 0, s.Results.Count, false);
            s.Approvals.Clear();
        }
        (s.BreakerReason, s.BreakerOpenedAt, s.ConsecutiveFailures, s.Attempts, s.NextAttemptAt, s.Status) =
            (null, null, 0, 0, null, RunbookExecutionStatus.Running);
        await Deadlines.ArmAsync(Deadline, now, cancellationToken);
        await StoreAsync(cancellationToken);
        return View();
    }

    /// <summary>Runs steps until one waits for a person, fails or the run ends; returns when to try a failed call again.</summary>
    private async Task<DateTimeOffset?> DriveAsync(CancellationToken cancellationToken)
    {
        IncidentView incident;
        try
        {
            incident = await Incident.Get(cancellationToken);
        }
        catch (Exception e) when (e is IllegalTransitionException or ResourceNotFoundException)
        {
            Stop("the incident is archived or gone");
            return null;
        }
        var runbook = Runbook;
        if (!State.Begun && !await BeginAsync(incident, cancellationToken))
        {
            return null;
        }
        while (State.Status == RunbookExecutionStatus.Running)
        {
            if (State.NextStep >= runbook.Steps.Length)
            {
                await RecordAsync(TimelineEntryKind.RunbookFinished, "finished", $"{Name(runbook)} finished{(State.DryRun ? " (dry run: nothing was called)" : "")}",
                    State.RequestedBy, cancellationToken);
                State.Status = RunbookExecutionStatus.Completed;
                return null;
            }
            var number = State.NextStep + 1;
            var step = runbook.Steps[State.NextStep];
            if (State.DryRun)
            {
                await ReportDryRunAsync(number, step, cancellationToken);
                continue;
            }
            if (step.Kind == RunbookStepKind.Manual)
            {
                State.Status = RunbookExecutionStatus.AwaitingPerson;
                return null;
            }
            if (incident.Status == IncidentStatus.Resolved)
            {
                Stop($"the incident was resolved before step {number}");
                return null;
            }
            var key = StepKey(number);
            if (RunbookRules.PreconditionFailure(runbook.Preconditions, incident) is { } failed)
            {
                await OpenBreakerAsync(failed, cancellationToken);
                return null;
            }
            try
            {
                await GrainFactory.GetGrain<IServiceGrain>(incident.ServiceId).AdmitChange(key, cancellationToken);
            }
            catch (IllegalTransitionException frozen)
            {
                await OpenBreakerAsync($"change freeze: {frozen.Message}", cancellationToken);
                return null;
            }
            var approval = State.Approvals.Find(a => a.Step == number);
            if (step.HighRisk && approval is null)
            {
                State.Status = RunbookExecutionStatus.AwaitingApproval;
                return null;
            }
            var result = await CallAsync(number, step.Action!, key, rollback: false, RunbookRules.Actor(runbook.Id), approval?.ApprovedBy, cancellationToken);
            State.Attempts++;
            if (result.Outcome == RunbookStepOutcome.Done)
            {
                await RecordAsync(TimelineEntryKind.RunbookStepDone, $"step/{number}/done", ActionMessage(result), result.Actor, cancellationToken);
                (State.ConsecutiveFailures, State.Attempts) = (0, 0);
                State.NextStep++;
                continue;
            }
            await RecordAsync(TimelineEntryKind.RunbookStepFailed, $"step/{number}/failed/{State.Attempts}", ActionMessage(result), result.Actor, cancellationToken);
            State.ConsecutiveFailures++;
            if (State.ConsecutiveFailures >= runbook.BreakerThreshold)
            {
                await RollBackDoneAsync(result.Actor, $"after step {number} '{step.Name}' failed", cancellationToken);
                await OpenBreakerAsync($"{State.ConsecutiveFailures} failed calls in a row at step {number} '{step.Name}' (last: {result.Detail})", cancellationToken);
                return null;
            }
            State.NextAttemptAt = result.StartedAt + DeliveryBackoff.DelayBefore(State.Attempts + 1);
            logger.LogWarning("Runbook {RunbookId} on {IncidentId} failed at step {Step} (attempt {Attempt})", runbook.Id, IncidentId, number, State.Attempts);
            return State.NextAttemptAt;
        }
        return null;
    }

    /// <summary>Checks the run against the incident once: in scope, a rule's trigger really matched, a drill's run made a dry run.</summary>
    private async Task<bool> BeginAsync(IncidentView incident, CancellationToken cancellationToken)
    {
        var runbook = Runbook;
        var byRule = State.RequestedBy == RunbookRules.RuleActor;
        if ((RunbookRules.OutOfScope(runbook, incident) ?? (byRule && RunbookRules.Matching(runbook, incident) is null ? "the incident matches none of its triggers" : null))
            is { } why)
        {
            Stop(why);
            return false;
        }
        if (incident.Drill && !runbook.AutomateDrills && !State.DryRun)
        {
            State.DryRun = true;
            State.Note = "a drill incident: run dry, as the runbook does not automate drills";
        }
        var trigger = byRule ? RunbookRules.Describe(RunbookRules.Matching(runbook, incident)!) : State.Trigger;
        await RecordAsync(TimelineEntryKind.RunbookStarted, "started",
            $"{Name(runbook)} '{runbook.Title}' started ({trigger}){(State.DryRun ? "; a dry run: nothing is called" : "")}", State.RequestedBy, cancellationToken);
        State.Trigger = trigger;
        State.Begun = true;
        return true;
    }

    private async Task ReportDryRunAsync(int number, RunbookStep step, CancellationToken cancellationToken)
    {
        var runbook = Runbook;
        var detail = step.Kind == RunbookStepKind.Manual
            ? $"would ask a person: {step.Instructions}{(step.Options.IsEmpty ? "" : $" (options: {string.Join(", ", step.Options)})")}"
            : $"would call {RunbookRules.Describe(step.Action!)}{(step.HighRisk ? " once approved by a commander or admin who did not start the run" : "")}" +
              (step.Rollback is { } rollback ? $"; rollback {RunbookRules.Describe(rollback)}" : "");
        var now = Now;
        var key = step.Kind == RunbookStepKind.Automated ? StepKey(number) : null;
        var result = new RunbookStepResult(number, step.Name, RunbookStepOutcome.WouldRun, key, detail, RunbookRules.Actor(runbook.Id), null, now, now);
        await RecordAsync(TimelineEntryKind.RunbookStepDone, $"step/{number}/dry-run", $"{Name(runbook)} step {number} '{step.Name}' (dry run): {detail}",
            result.Actor, cancellationToken);
        if (step.Kind == RunbookStepKind.Automated)
        {
            await AuditAsync(result, step.Action!.Url, "DRY RUN", cancellationToken);
        }
        State.Results.Add(result);
        State.NextStep++;
    }

    /// <summary>One call, its result kept and written to the unit's audit log before anything moves on.</summary>
    private async Task<RunbookStepResult> CallAsync(int number, RunbookAction action, string key, bool rollback, string actor, string? approvedBy,
        CancellationToken cancellationToken)
    {
        var runbook = Runbook;
        var startedAt = Now;
        var reply = await calls.PostAsync(action.Url, runbook.Secret, key, RunbookRules.Body(IncidentId, runbook, number, State.Run, key, action, rollback),
            cancellationToken);
        var outcome = (reply.Succeeded, rollback) switch
        {
            (true, false) => RunbookStepOutcome.Done,
            (false, false) => RunbookStepOutcome.Failed,
            (true, true) => RunbookStepOutcome.RolledBack,
            _ => RunbookStepOutcome.RollbackFailed,
        };
        var result = new RunbookStepResult(number, runbook.Steps[number - 1].Name, outcome, key,
            $"{RunbookRules.Describe(action)} answered {reply.Outcome}", actor, approvedBy, startedAt, Now);
        State.Results.Add(result);
        await AuditAsync(result, action.Url, reply.Succeeded ? "OK" : reply.Outcome, cancellationToken);
        return result;
    }

    /// <summary>Undoes this run's done automated steps that have a rollback action, last first; each once, however often asked.</summary>
    private async Task RollBackDoneAsync(string actor, string why, CancellationToken cancellationToken)
    {
        var runbook = Runbook;
        var done = RunResults.Where(r => r.Outcome == RunbookStepOutcome.Done && runbook.Steps[r.Step - 1].Rollback is not null).Select(r => r.Step)
            .Except(RunResults.Where(r => r.Outcome is RunbookStepOutcome.RolledBack or RunbookStepOutcome.RollbackFailed).Select(r => r.Step))
            .Distinct().OrderDescending().ToList();
        foreach (var number in done)
        {
            var result = await CallAsync(number, runbook.Steps[number - 1].Rollback!, RunbookRules.RollbackKey(StepKey(number)), rollback: true, actor, null,
                cancellationToken);
            await RecordAsync(TimelineEntryKind.RunbookRolledBack, $"step/{number}/rollback",
                $"{ActionMessage(result)}; {(result.Outcome == RunbookStepOutcome.RolledBack ? "rolled back" : "rollback failed")} {why}", actor, cancellationToken);
        }
        State.RolledBack = true;
    }

    /// <summary>Stops the automation and pages whoever carries the incident; only a person's reset lets it go on.</summary>
    private async Task OpenBreakerAsync(string reason, CancellationToken cancellationToken)
    {
        State.BreakerOpenings++;
        await RecordAsync(TimelineEntryKind.RunbookBreakerOpened, $"breaker/{State.BreakerOpenings}",
            $"{Name(Runbook)} halted at step {State.NextStep + 1}: {reason}; automation stopped until a person resets its breaker", RunbookRules.Actor(Runbook.Id),
            cancellationToken, page: true);
        (State.Status, State.BreakerReason, State.BreakerOpenedAt) = (RunbookExecutionStatus.Halted, reason, Now);
        logger.LogWarning("Breaker of runbook {RunbookId} on {IncidentId} opened: {Reason}", Runbook.Id, IncidentId, reason);
    }

    private void Stop(string why)
    {
        State.Status = RunbookExecutionStatus.Skipped;
        State.Note = why;
    }

    private Task RecordAsync(TimelineEntryKind kind, string key, string message, string actor, CancellationToken cancellationToken, bool page = false) =>
        Incident.RecordRunbookEntry(new RunbookEntry($"{Runbook.Id}@v{Runbook.Version}/r{State.Run}/{key}", kind, Now, actor, message, page), cancellationToken);

    private Task AuditAsync(RunbookStepResult result, string url, string outcome, CancellationToken cancellationToken) =>
        GrainFactory.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key(Runbook.BusinessUnitId, DateOnly.FromDateTime(result.FinishedAt.UtcDateTime)))
            .Append(new AuditEntry(result.FinishedAt, result.Actor, $"runbook/{Runbook.Id}@v{Runbook.Version}/step/{result.Step}{(result.Outcome is
                RunbookStepOutcome.RolledBack or RunbookStepOutcome.RollbackFailed ? "/rollback" : "")}", IncidentId, outcome, url), cancellationToken);

    /// <summary>Trigger, key, inputs, approver, times and answer: all an auditor asks of an automated action.</summary>
    private string ActionMessage(RunbookStepResult r) =>
        $"{Name(Runbook)} step {r.Step} '{r.StepName}' ({State.Trigger}{(r.ApprovedBy is { } by ? $", approved by {by}" : "")}): {r.Detail}; " +
        $"key {r.IdempotencyKey}; {r.StartedAt.ToString("O", CultureInfo.InvariantCulture)} to {r.FinishedAt.ToString("O", CultureInfo.InvariantCulture)}";

    private string StepKey(int number) => RunbookRules.IdempotencyKey(IncidentId, Runbook.Id, Runbook.Version, number, State.Run);

    private RunbookStep StepAt(int step) => step >= 1 && step <= Runbook.Steps.Length
        ? Runbook.Steps[step - 1]
        : throw new InvalidRequestException("step", $"must be 1 to {Runbook.Steps.Length}.");

    private string Waiting() => State.Status switch
    {
        RunbookExecutionStatus.AwaitingPerson => $"it waits for step {State.NextStep + 1}",
        RunbookExecutionStatus.AwaitingApproval => $"it waits for the approval of step {State.NextStep + 1}",
        _ => $"it is {State.Status}",
    };

    private static string Name(RunbookDefinition runbook) => $"Runbook '{runbook.Id}' v{runbook.Version}";

    private async Task StoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            // A failed write forgets the command's changes: its retry decides again from what is stored.
            await state.ReadStateAsync(CancellationToken.None);
            throw;
        }
    }

    private RunbookExecutionView View()
    {
        var runbook = Runbook;
        var s = State;
        return new RunbookExecutionView(IncidentId, runbook.Id, runbook.Version, s.Run, s.Status, s.NextStep < runbook.Steps.Length ? s.NextStep + 1 : 0,
            s.RequestedBy, s.Trigger, s.DryRun,
            new RunbookBreaker(s.ConsecutiveFailures, runbook.BreakerThreshold, s.BreakerReason, s.BreakerOpenedAt),
            [.. s.Approvals], [.. s.Results], s.StartedAt, s.Note, runbook.BusinessUnitId);
    }
}
