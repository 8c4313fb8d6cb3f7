namespace IncidentActors.BusinessUnits;

[GenerateSerializer, Alias("IncidentActors.BusinessUnits.BusinessUnitState")]
public sealed class BusinessUnitState
{
    [Id(0)] public BusinessUnitDefinition? Definition { get; set; }
}
