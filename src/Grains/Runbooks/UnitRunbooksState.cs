namespace IncidentActors.Runbooks;

/// <summary>A unit's runbooks, every version of each, oldest first; secrets encrypted with the cluster's data protection keys.</summary>
[GenerateSerializer, Alias("IncidentActors.Runbooks.UnitRunbooksState")]
public sealed class UnitRunbooksState
{
    [Id(0)] public Dictionary<string, List<RunbookDefinition>> Versions { get; set; } = new(StringComparer.Ordinal);
}
