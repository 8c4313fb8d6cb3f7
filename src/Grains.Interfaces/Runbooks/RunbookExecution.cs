using System.Collections.Immutable;

namespace IncidentActors.Runbooks;

[GenerateSerializer]
public enum RunbookExecutionStatus
{
    /// <summary>Started; the next automated step runs on the execution's deadline.</summary>
    Running = 0,

    /// <summary>Waiting for a person to complete a manual step or choose an option.</summary>
    AwaitingPerson = 1,

    /// <summary>Waiting for a high-risk step's approval.</summary>
    AwaitingApproval = 2,

    /// <summary>The breaker is open: automation stopped until a person resets it.</summary>
    Halted = 3,

    Completed = 4,

    /// <summary>Rolled back on request or after a step failed for good; reset starts a new run.</summary>
    RolledBack = 5,

    /// <summary>Started by a rule the incident turned out not to match, or on an incident resolved before it ran.</summary>
    Skipped = 6,
}

[GenerateSerializer]
public enum RunbookStepOutcome
{
    Done = 0,
    Failed = 1,

    /// <summary>A dry run: nothing was called; <see cref="RunbookStepResult.Detail"/> says what would have been.</summary>
    WouldRun = 2,
    RolledBack = 3,
    RollbackFailed = 4,
}

/// <summary>
/// One thing an execution did at a step: an attempt of its action (with its idempotency key, inputs, approver, times
/// and the endpoint's answer), a person's completion, a dry run's report, a rollback.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookStepResult")]
public sealed record RunbookStepResult(
    [property: Id(0)] int Step,
    [property: Id(1)] string StepName,
    [property: Id(2)] RunbookStepOutcome Outcome,
    [property: Id(3)] string? IdempotencyKey,
    [property: Id(4)] string Detail,
    [property: Id(5)] string Actor,
    [property: Id(6)] string? ApprovedBy,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset FinishedAt,
    [property: Id(9)] string? Option = null);

/// <summary>An approval of a high-risk step, kept whether it came before the run reached the step or while it waited.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookApproval")]
public sealed record RunbookApproval(
    [property: Id(0)] int Step,
    [property: Id(1)] string ApprovedBy,
    [property: Id(2)] DateTimeOffset At);

/// <summary>The breaker of one execution: failures in a row, and why and when it opened (null while closed).</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookBreaker")]
public sealed record RunbookBreaker(
    [property: Id(0)] int ConsecutiveFailures,
    [property: Id(1)] int Threshold,
    [property: Id(2)] string? OpenReason,
    [property: Id(3)] DateTimeOffset? OpenedAt);

/// <summary>How a run started: by hand (who) or by rule (which trigger), and whether it calls nothing.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookStart")]
public sealed record RunbookStart(
    [property: Id(0)] string RunbookId,
    [property: Id(1)] string RequestedBy,
    [property: Id(2)] string Trigger,
    [property: Id(3)] bool DryRun,
    [property: Id(4)] string? BusinessUnitId = null,
    [property: Id(5)] int? Version = null);

[GenerateSerializer, Immutable, Alias("IncidentActors.Runbooks.RunbookExecutionView")]
public sealed record RunbookExecutionView(
    [property: Id(0)] string IncidentId,
    [property: Id(1)] string RunbookId,
    [property: Id(2)] int Version,
    [property: Id(3)] int Run,
    [property: Id(4)] RunbookExecutionStatus Status,
    [property: Id(5)] int NextStep,
    [property: Id(6)] string RequestedBy,
    [property: Id(7)] string Trigger,
    [property: Id(8)] bool DryRun,
    [property: Id(9)] RunbookBreaker Breaker,
    [property: Id(10)] ImmutableArray<RunbookApproval> Approvals,
    [property: Id(11)] ImmutableArray<RunbookStepResult> Results,
    [property: Id(12)] DateTimeOffset StartedAt,
    [property: Id(13)] string? Note,
    [property: Id(14)] string BusinessUnitId);
