using System.Collections.Immutable;

namespace IncidentActors.Reviews;

/// <summary>
/// What the review's authors write: a summary, the decisions taken and why, where detection and communication fell
/// short, the customers affected, and the contributing factors filed under the unit's taxonomy. Written blamelessly:
/// factors describe systems and conditions, never a person.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewContent")]
public sealed record ReviewContent(
    [property: Id(0)] string Summary,
    [property: Id(1)] ImmutableArray<DecisionPoint> DecisionPoints,
    [property: Id(2)] ImmutableArray<string> DetectionGaps,
    [property: Id(3)] ImmutableArray<string> CommunicationBreakdowns,
    [property: Id(4)] int CustomersAffected,
    [property: Id(5)] string CustomerImpact,
    [property: Id(6)] ImmutableArray<ContributingFactor> Factors)
{
    public static readonly ReviewContent Empty = new("", [], [], [], 0, "", []);
}

[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.DecisionPoint")]
public sealed record DecisionPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Decision,
    [property: Id(2)] string Rationale);

/// <param name="Category">One of the unit's taxonomy categories (technical, change, process, training, staffing, vendor, …).</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ContributingFactor")]
public sealed record ContributingFactor(
    [property: Id(0)] string Category,
    [property: Id(1)] string Description);

/// <summary>The impact as the incident recorded it: how long, which services (its own and those whose alerts were its symptoms), which units.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewImpact")]
public sealed record ReviewImpact(
    [property: Id(0)] TimeSpan Duration,
    [property: Id(1)] ImmutableArray<string> Services,
    [property: Id(2)] ImmutableArray<string> BusinessUnits);
