namespace IncidentActors.Placement;

[GenerateSerializer, Alias("IncidentActors.Placement.HomeDirectoryState")]
public sealed class HomeDirectoryState
{
    [Id(0)] public Dictionary<string, string> RegionByBusinessUnit { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, string> BusinessUnitByService { get; set; } = new(StringComparer.Ordinal);
}
