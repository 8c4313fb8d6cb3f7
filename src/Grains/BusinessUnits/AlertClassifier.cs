using System.Collections.Immutable;
using System.Text.RegularExpressions;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Intake;
using IncidentActors.Services;

namespace IncidentActors.BusinessUnits;

/// <summary>Evaluates and checks a unit's classification rules.</summary>
public static class AlertClassifier
{
    public const int MaxRules = 200;
    public const int MaxConditions = 8;

    // A pattern that backtracks badly fails its match rather than stalling intake.
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);
    private static readonly string[] Fields = ["summary", "source", "component", "category", "severity"];

    /// <summary>The first rule whose every condition matches, as the incident records it; null when none does.</summary>
    public static Classification? Classify(ClassificationRules rules, AlertEvent alert, BusinessImpact impact, SeverityMatrix matrix)
    {
        foreach (var rule in rules.Rules)
        {
            if (rule.When.All(condition => Matches(condition, alert)))
            {
                return new Classification(rule.Name, rules.Version, rule.Category, rule.Urgency, impact, matrix.Classify(impact, rule.Urgency));
            }
        }
        return null;
    }

    public static void Validate(ImmutableArray<ClassificationRule> rules, string publishedBy)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "published_by", publishedBy, required: true);
        if (rules.Length > MaxRules)
        {
            violations.Add(new("rules", $"has {rules.Length} rules; at most {MaxRules}."));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var at = $"rules[{i}]";
            AlertValidator.Identifier(violations, $"{at}.name", rule.Name, required: true);
            if (!string.IsNullOrEmpty(rule.Name) && !names.Add(rule.Name))
            {
                violations.Add(new($"{at}.name", $"'{rule.Name}' names another rule too; names must be unique."));
            }
            AlertValidator.Label(violations, $"{at}.category", rule.Category, required: true);
            if (!Enum.IsDefined(rule.Urgency))
            {
                violations.Add(new($"{at}.urgency", $"'{rule.Urgency}' is not an urgency."));
            }
            if (rule.When.IsDefaultOrEmpty || rule.When.Length > MaxConditions)
            {
                violations.Add(new($"{at}.when", $"needs 1 to {MaxConditions} conditions."));
                continue;
            }
            for (var j = 0; j < rule.When.Length; j++)
            {
                ValidateCondition(violations, $"{at}.when[{j}]", rule.When[j]);
            }
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }

    private static void ValidateCondition(ImmutableArray<FieldViolation>.Builder violations, string at, RuleCondition condition)
    {
        if (!AlertFields.IsField(condition.Field, Fields))
        {
            violations.Add(new($"{at}.field", $"'{condition.Field}' is not a field; {AlertFields.Expected(Fields)}."));
        }
        if (string.IsNullOrEmpty(condition.Pattern))
        {
            violations.Add(new($"{at}.pattern", "is required."));
            return;
        }
        try
        {
            _ = new Regex(condition.Pattern, RegexOptions.None, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            violations.Add(new($"{at}.pattern", $"is not a regular expression: {e.Message}"));
        }
    }

    private static bool Matches(RuleCondition condition, AlertEvent alert)
    {
        if (AlertFields.ValueOf(alert, condition.Field) is not { } value)
        {
            return false;
        }
        try
        {
            return Regex.IsMatch(value, condition.Pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
