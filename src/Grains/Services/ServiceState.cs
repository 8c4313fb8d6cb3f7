namespace IncidentActors.Services;

[GenerateSerializer, Alias("IncidentActors.Services.ServiceState")]
public sealed class ServiceState
{
    [Id(0)] public ServiceDefinition? Definition { get; set; }
    [Id(1)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Dedup key → the incident it opened. An entry may outlive its incident's resolution; the incident says so when asked.</summary>
    [Id(3)] public Dictionary<string, string> OpenIncidentByDedupKey { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Numbers this service's incidents, so their ids are readable and unique.</summary>
    [Id(4)] public long LastIncidentNumber { get; set; }

    /// <summary>Change freezes by incident; ended ones are dropped when the next is recorded.</summary>
    [Id(5)] public List<ChangeFreeze> ChangeFreezes { get; set; } = [];
}
