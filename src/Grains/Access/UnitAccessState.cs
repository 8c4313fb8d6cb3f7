namespace IncidentActors.Access;

[GenerateSerializer, Alias("IncidentActors.Access.UnitAccessState")]
public sealed class UnitAccessState
{
    [Id(0)] public SortedSet<string> Principals { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public SortedSet<string> IntegrationKeys { get; set; } = new(StringComparer.Ordinal);
}
