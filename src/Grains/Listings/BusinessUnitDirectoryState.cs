namespace IncidentActors.Incidents;

[GenerateSerializer, Alias("IncidentActors.Incidents.BusinessUnitDirectoryState")]
public sealed class BusinessUnitDirectoryState
{
    [Id(0)] public SortedSet<string> BusinessUnits { get; set; } = new(StringComparer.Ordinal);
}
