namespace IncidentActors.BusinessUnits;

[GenerateSerializer, Alias("IncidentActors.BusinessUnits.BusinessUnitState")]
public sealed class BusinessUnitState
{
    [Id(0)] public BusinessUnitDefinition? Definition { get; set; }

    /// <summary>Published classification rule versions, oldest first; the last is in force.</summary>
    [Id(1)] public List<ClassificationRules> ClassificationVersions { get; set; } = [];

    [Id(2)] public Audit.LegalHold? LegalHold { get; set; }
}
