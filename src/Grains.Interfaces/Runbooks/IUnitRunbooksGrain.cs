using System.Collections.Immutable;
using IncidentActors.Incidents;
using Orleans.Concurrency;

namespace IncidentActors.Runbooks;

/// <summary>
/// A business unit's runbooks, keyed by the unit's id, every version kept: an execution runs the version it started
/// with. Secrets are write-only: they leave encrypted.
/// </summary>
[Alias("IncidentActors.Runbooks.IUnitRunbooksGrain")]
public interface IUnitRunbooksGrain : IGrainWithStringKey
{
    /// <summary>Stores the next version of the runbook. A blank secret keeps the one stored.</summary>
    [Alias("Define")]
    Task<RunbookDefinition> Define(RunbookDefinition runbook, string actor, CancellationToken cancellationToken = default);

    /// <summary>The version asked for, else the latest; NotFound when there is none.</summary>
    [Alias("Get"), ReadOnly]
    Task<RunbookDefinition> Get(string runbookId, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>The latest version of each runbook, by id.</summary>
    [Alias("List"), ReadOnly]
    Task<ImmutableArray<RunbookDefinition>> List(CancellationToken cancellationToken = default);

    /// <summary>
    /// The runbooks whose triggers may match what the event tells, as starts by rule; each execution checks the incident
    /// itself before it runs anything. Starting is the caller's, so that this grain never waits on an execution.
    /// </summary>
    [Alias("Triggered"), ReadOnly]
    Task<ImmutableArray<RunbookStart>> Triggered(IncidentEvent change, CancellationToken cancellationToken = default);
}
