namespace IncidentActors.Incidents;

/// <summary>One bucket of an index page's incidents (see <see cref="IncidentIndexGrain"/>).</summary>
[GenerateSerializer, Alias("IncidentActors.Incidents.IncidentIndexState")]
public sealed class IncidentIndexState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = new(StringComparer.Ordinal);
}
