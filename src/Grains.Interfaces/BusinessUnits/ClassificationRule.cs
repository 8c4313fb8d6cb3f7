using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// Matches a symptom pattern to a category and an urgency; with the service's business impact the
/// unit's severity matrix gives the severity. Every condition must match.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.ClassificationRule")]
public sealed record ClassificationRule(
    [property: Id(0)] string Name,
    [property: Id(1)] string Category,
    [property: Id(2)] Urgency Urgency,
    [property: Id(3)] ImmutableArray<RuleCondition> When);

/// <param name="Field">"summary", "source", "component", "category", "severity" or "detail.&lt;key&gt;".</param>
/// <param name="Pattern">A regular expression, matched case-insensitively anywhere in the field.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.RuleCondition")]
public sealed record RuleCondition(
    [property: Id(0)] string Field,
    [property: Id(1)] string Pattern);

/// <summary>One published version of a unit's rules; the first rule that matches an alert wins.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.ClassificationRules")]
public sealed record ClassificationRules(
    [property: Id(0)] int Version,
    [property: Id(1)] ImmutableArray<ClassificationRule> Rules,
    [property: Id(2)] DateTimeOffset PublishedAt,
    [property: Id(3)] string PublishedBy)
{
    public static readonly ClassificationRules Empty = new(0, [], DateTimeOffset.MinValue, "");
}
