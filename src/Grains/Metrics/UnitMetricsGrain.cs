using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Storage;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Metrics;

/// <summary>A unit's services for normalized volume, and the governance items its thresholds raise (<see cref="GovernanceRules"/>).</summary>
internal sealed class UnitMetricsGrain(
    [PersistentState("unitMetrics", StorageNames.Incidents)] IPersistentState<UnitMetricsState> state,
    TimeProvider clock,
    ILogger<UnitMetricsGrain> logger) : Grain, IUnitMetricsGrain
{
    public async Task RecordService(string serviceId, string team, CancellationToken cancellationToken = default)
    {
        if (state.State.Services.GetValueOrDefault(serviceId) != team)
        {
            state.State.Services[serviceId] = team;
            await WriteAsync(cancellationToken);
        }
    }

    public Task<ImmutableSortedDictionary<string, string>> Services(CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Services.ToImmutableSortedDictionary(StringComparer.Ordinal));

    public async Task Observe(IncidentFact fact, CancellationToken cancellationToken = default)
    {
        var unit = await GrainFactory.GetGrain<IBusinessUnitGrain>(this.GetPrimaryKeyString()).GetPolicy(cancellationToken);
        var items = state.State.Items.Count;
        if (!GovernanceRules.Observe(state.State, fact, unit.Targets, clock.GetUtcNow()))
        {
            return;
        }
        await WriteAsync(cancellationToken);
        foreach (var item in state.State.Items.Skip(items))
        {
            logger.LogInformation("Governance item {ItemId} raised in business unit {BusinessUnitId}", item.Id, this.GetPrimaryKeyString());
        }
    }

    /// <summary>A failed write forgets the change, so that the call's retry decides it again.</summary>
    private async Task WriteAsync(CancellationToken cancellationToken)
    {
        try
        {
            await state.WriteStateAsync(cancellationToken);
        }
        catch
        {
            await state.ReadStateAsync(CancellationToken.None);
            throw;
        }
    }

    public Task<ImmutableArray<GovernanceItem>> ListGovernanceItems(CancellationToken cancellationToken = default) =>
        Task.FromResult<ImmutableArray<GovernanceItem>>([.. state.State.Items.OrderByDescending(i => i.RaisedAt).ThenBy(i => i.Id, StringComparer.Ordinal)]);
}
