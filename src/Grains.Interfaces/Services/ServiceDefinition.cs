using System.Collections.Immutable;
using IncidentActors.BusinessUnits;

namespace IncidentActors.Services;

/// <summary>A service catalog entry as its owners register it.</summary>
/// <param name="Environment">Where it runs ("production" when left out); an alert naming another environment is refused.</param>
/// <param name="DependsOn">The services it calls: an alert here while one of them has an open incident is a symptom of that incident.</param>
/// <param name="Impact">What its failure costs the business: with a classification rule's urgency it gives an incident's severity.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ServiceDefinition")]
public sealed record ServiceDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string OwnerTeam,
    [property: Id(3)] string BusinessUnitId,
    [property: Id(4)] string? EscalationPolicyId = null,
    [property: Id(5)] string? Environment = null,
    [property: Id(6)] ImmutableArray<string> DependsOn = default,
    [property: Id(7)] BusinessImpact Impact = BusinessImpact.Moderate,
    [property: Id(8)] AlertGrouping? Grouping = null)
{
    public const string DefaultEnvironment = "production";
}
