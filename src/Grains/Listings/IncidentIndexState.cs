namespace IncidentActors.Incidents;

[GenerateSerializer, Alias("IncidentActors.Incidents.IncidentIndexState")]
public sealed class IncidentIndexState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Incidents { get; set; } = new(StringComparer.Ordinal);
}
