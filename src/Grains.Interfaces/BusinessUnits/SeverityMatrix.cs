using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// Severity by impact (rows, <see cref="BusinessImpact"/> order) and urgency (columns,
/// <see cref="Urgency"/> order): one 4 × 4 table per business unit, so that two teams judging
/// the same impact and urgency reach the same severity.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.SeverityMatrix")]
public sealed record SeverityMatrix(
    [property: Id(0)] ImmutableArray<ImmutableArray<IncidentSeverity>> Rows)
{
    public const int Size = 4;

    public IncidentSeverity Classify(BusinessImpact impact, Urgency urgency) => Rows[(int)impact][(int)urgency];
}
