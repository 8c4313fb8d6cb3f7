using System.Collections.Immutable;
using IncidentActors.Access;

namespace IncidentActors.Reviews;

/// <summary>Who the unit is, for reminders: the people granted unit admin or commander in it.</summary>
internal static class UnitLeads
{
    public static async Task<ImmutableArray<string>> FindAsync(IGrainFactory grains, string businessUnitId, CancellationToken cancellationToken)
    {
        var principals = await grains.GetGrain<IUnitAccessGrain>(businessUnitId).Principals(cancellationToken);
        var grants = await Task.WhenAll(principals.Select(p => grains.GetGrain<IAccessGrantsGrain>(p).Get(cancellationToken)));
        return [.. grants.Where(g => g.Grants.Any(r => r.BusinessUnitId == businessUnitId && r.Role is Role.UnitAdmin or Role.Commander)).Select(g => g.PrincipalId)];
    }
}
