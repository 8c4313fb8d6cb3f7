namespace IncidentActors.Services;

[GenerateSerializer, Alias("IncidentActors.Services.ServiceDirectoryState")]
public sealed class ServiceDirectoryState
{
    [Id(0)] public SortedDictionary<string, string> BusinessUnitByService { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the services registered before the directory existed were copied in.</summary>
    [Id(1)] public bool Seeded { get; set; }
}
