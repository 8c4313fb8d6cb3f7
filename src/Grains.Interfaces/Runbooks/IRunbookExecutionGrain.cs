using IncidentActors.Access;
using IncidentActors.Deadlines;
using Orleans.Concurrency;

namespace IncidentActors.Runbooks;

/// <summary>
/// One runbook run on one incident, keyed <c>&lt;incident id&gt;/&lt;runbook id&gt;</c>: drives its steps on its own durable
/// deadline <c>runbook-run</c>, outside the incident's calls, so a silo that dies mid-run hands the run to a survivor.
/// People act on it as the authenticated caller.
/// </summary>
[Alias("IncidentActors.Runbooks.IRunbookExecutionGrain")]
public interface IRunbookExecutionGrain : IDeadlineOwner
{
    /// <summary>Starts the run unless one is under way or done; never calls the incident, so that an event consumer may start it.</summary>
    [Alias("Start")]
    Task<RunbookExecutionView> Start(RunbookStart start, CancellationToken cancellationToken = default);

    [Alias("Get"), ReadOnly]
    Task<RunbookExecutionView> Get(CancellationToken cancellationToken = default);

    /// <summary>Completes the manual step the run waits at, choosing one of its options when it has some.</summary>
    [Alias("CompleteManualStep")]
    Task<RunbookExecutionView> CompleteManualStep(int step, string? option, string? note, Principal caller, CancellationToken cancellationToken = default);

    /// <summary>Approves a high-risk step, now or ahead of the run reaching it; approving it again changes nothing.</summary>
    [Alias("ApproveStep")]
    Task<RunbookExecutionView> ApproveStep(int step, Principal caller, CancellationToken cancellationToken = default);

    /// <summary>Rolls back the steps done, last first, and stops the run.</summary>
    [Alias("Rollback")]
    Task<RunbookExecutionView> Rollback(string? note, Principal caller, CancellationToken cancellationToken = default);

    /// <summary>Closes an open breaker and goes on (after a rollback, as a new run); a person only, never an integration key.</summary>
    [Alias("ResetBreaker")]
    Task<RunbookExecutionView> ResetBreaker(string? note, Principal caller, CancellationToken cancellationToken = default);

    public static string Key(string incidentId, string runbookId) => $"{incidentId}/{runbookId}";
}
