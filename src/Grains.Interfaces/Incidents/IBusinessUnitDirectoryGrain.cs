using System.Collections.Immutable;

namespace IncidentActors.Incidents;

/// <summary>The business units that have services, so that a listing across all of them can find them.</summary>
[Alias("IncidentActors.Incidents.IBusinessUnitDirectoryGrain")]
public interface IBusinessUnitDirectoryGrain : IGrainWithStringKey
{
    public const string Global = "global";

    [Alias("Add")]
    Task Add(string businessUnitId, CancellationToken cancellationToken = default);

    [Alias("List")]
    Task<ImmutableArray<string>> List(CancellationToken cancellationToken = default);
}
