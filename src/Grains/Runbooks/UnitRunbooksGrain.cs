using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Storage;

namespace IncidentActors.Runbooks;

/// <summary>
/// A business unit's runbooks, as <see cref="Communications.CommunicationTemplatesGrain"/> keeps its templates: one grain
/// per unit, each definition a new version beside the old ones, which executions under way keep running.
/// </summary>
internal sealed class UnitRunbooksGrain(
    [PersistentState("runbooks", StorageNames.Incidents)] IPersistentState<UnitRunbooksState> state,
    WebhookDestinations destinations,
    WebhookSecrets secrets,
    TimeProvider clock) : Grain, IUnitRunbooksGrain, IUnitScoped
{
    private string BusinessUnitId => this.GetPrimaryKeyString();

    public ValueTask<GrainScope?> ScopeAsync() => ValueTask.FromResult<GrainScope?>(new GrainScope(BusinessUnitId));

    public async Task<RunbookDefinition> Define(RunbookDefinition runbook, string actor, CancellationToken cancellationToken = default)
    {
        var versions = state.State.Versions.GetValueOrDefault(runbook.Id ?? "");
        var stored = versions?[^1];
        runbook = RunbookValidator.Normalize(runbook);
        RunbookValidator.Validate(runbook, BusinessUnitId, destinations, keepsSecret: stored is not null);
        var defined = runbook with
        {
            Secret = string.IsNullOrEmpty(runbook.Secret) ? stored?.Secret ?? "" : secrets.Protect(runbook.Secret),
            Version = (stored?.Version ?? 0) + 1,
            DefinedAt = clock.GetUtcNow(),
            DefinedBy = actor,
        };
        if (versions is null)
        {
            state.State.Versions[runbook.Id] = versions = [];
        }
        versions.Add(defined);
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            versions.RemoveAt(versions.Count - 1);
            throw;
        }
        return defined;
    }

    public Task<RunbookDefinition> Get(string runbookId, int? version = null, CancellationToken cancellationToken = default)
    {
        var versions = state.State.Versions.GetValueOrDefault(runbookId) ?? throw new ResourceNotFoundException("Runbook", runbookId);
        return Task.FromResult(version is { } v
            ? versions.Find(r => r.Version == v) ?? throw new ResourceNotFoundException("Runbook version", $"{runbookId}@v{v}")
            : versions[^1]);
    }

    public Task<ImmutableArray<RunbookDefinition>> List(CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<RunbookDefinition>>([.. state.State.Versions.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value[^1])]);

    public Task<ImmutableArray<RunbookStart>> Triggered(IncidentEvent change, CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<RunbookStart>>([.. state.State.Versions.Values.Select(v => v[^1])
            .Select(r => (Runbook: r, Trigger: RunbookRules.MayTrigger(r, change)))
            .Where(m => m.Trigger is not null)
            .Select(m => new RunbookStart(m.Runbook.Id, RunbookRules.RuleActor, m.Trigger!, DryRun: false, BusinessUnitId, m.Runbook.Version))]);
}
