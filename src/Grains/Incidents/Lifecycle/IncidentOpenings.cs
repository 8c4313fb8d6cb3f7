using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>Asks a business unit for what incidents opening together need of it, in one round of calls.</summary>
internal static class IncidentOpenings
{
    public static async Task<IncidentOpening> FetchAsync(IGrainFactory grains, string businessUnitId, int incidents, CancellationToken cancellationToken)
    {
        var unit = grains.GetGrain<IBusinessUnitGrain>(businessUnitId);
        var policy = unit.GetPolicy(cancellationToken);
        var rules = unit.GetClassificationRules(cancellationToken: cancellationToken);
        var page = grains.GetGrain<IIncidentIndexPagesGrain>(businessUnitId).Assign(incidents, cancellationToken);
        return new IncidentOpening(await policy, await rules, await page);
    }
}
