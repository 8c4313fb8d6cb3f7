namespace IncidentActors.Runbooks;

/// <summary>One runbook run on one incident; <see cref="Runbook"/> is null until it started.</summary>
[GenerateSerializer, Alias("IncidentActors.Runbooks.RunbookExecutionState")]
public sealed class RunbookExecutionState
{
    /// <summary>The version the run started with, as it was then (its secret encrypted): later versions do not change a run.</summary>
    [Id(0)] public RunbookDefinition? Runbook { get; set; }

    [Id(1)] public RunbookExecutionStatus Status { get; set; }

    /// <summary>The index of the step to do next, from 0.</summary>
    [Id(2)] public int NextStep { get; set; }

    /// <summary>Counts runs of this runbook on this incident: a reset after a rollback starts the next one, with new keys.</summary>
    [Id(3)] public int Run { get; set; }

    [Id(4)] public string RequestedBy { get; set; } = "";

    [Id(5)] public string Trigger { get; set; } = "";

    [Id(6)] public bool DryRun { get; set; }

    [Id(7)] public int ConsecutiveFailures { get; set; }

    /// <summary>Why the breaker is open; null while it is closed.</summary>
    [Id(8)] public string? BreakerReason { get; set; }

    [Id(9)] public DateTimeOffset? BreakerOpenedAt { get; set; }

    [Id(10)] public List<RunbookApproval> Approvals { get; set; } = [];

    [Id(11)] public List<RunbookStepResult> Results { get; set; } = [];

    [Id(12)] public DateTimeOffset StartedAt { get; set; }

    [Id(13)] public string? Note { get; set; }

    /// <summary>The run was checked against the incident (scope, trigger, drill) and its start is in the timeline.</summary>
    [Id(14)] public bool Begun { get; set; }

    /// <summary>Attempts of the step to do next in this run, for its failure entries' keys.</summary>
    [Id(15)] public int Attempts { get; set; }

    /// <summary>The done steps were rolled back: a reset starts a new run from the first step.</summary>
    [Id(16)] public bool RolledBack { get; set; }

    /// <summary>Where this run's results begin in <see cref="Results"/>: those before are earlier runs'.</summary>
    [Id(17)] public int RunResultsFrom { get; set; }

    /// <summary>When a failed call may be tried again; null when nothing waits for a retry.</summary>
    [Id(18)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>How often the breaker opened, which tells each opening's timeline entry and page apart.</summary>
    [Id(19)] public int BreakerOpenings { get; set; }
}
