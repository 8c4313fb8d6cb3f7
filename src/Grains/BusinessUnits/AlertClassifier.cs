using System.Collections.Immutable;
using System.Text.RegularExpressions;
using IncidentActors.Errors;
using IncidentActors.Intake;
using IncidentActors.Services;

namespace IncidentActors.BusinessUnits;

/// <summary>Checks a unit's classification rules and compiles them for matching.</summary>
public static class AlertClassifier
{
    public const int MaxRules = 200;
    public const int MaxConditions = 8;
    public const int MaxConditionsInAll = 400;
    public const int MaxPatternLength = 512;

    /// <summary>
    /// Matching takes time linear in the field's length, whatever the pattern, so that no rule can stall intake; the
    /// patterns this engine cannot run (backreferences, lookarounds, atomic groups, conditionals) are refused.
    /// </summary>
    public const RegexOptions PatternOptions = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>Far above what a linear-time match of an alert's field takes: reached only by a stalled machine or an engine fault.</summary>
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(250);

    private static readonly string[] Fields = ["summary", "source", "component", "category", "severity"];

    /// <summary>One published version, each pattern compiled once.</summary>
    public static CompiledClassificationRules Compile(ClassificationRules rules) => new(rules, MatchTimeout);

    public static void Validate(ImmutableArray<ClassificationRule> rules, string publishedBy)
    {
        rules = rules.IsDefault ? [] : rules;
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "published_by", publishedBy, required: true);
        if (rules.Length > MaxRules)
        {
            violations.Add(new("rules", $"has {rules.Length} rules; at most {MaxRules}."));
        }
        var conditions = rules.Sum(r => r.When.IsDefault ? 0 : r.When.Length);
        if (conditions > MaxConditionsInAll)
        {
            violations.Add(new("rules", $"have {conditions} conditions in all; at most {MaxConditionsInAll}."));
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            var at = $"rules[{i}]";
            AlertValidator.Identifier(violations, $"{at}.name", rule.Name, required: true);
            if (!string.IsNullOrEmpty(rule.Name) && !names.Add(rule.Name))
            {
                violations.Add(new($"{at}.name", $"'{AlertValidator.Truncate(rule.Name)}' names another rule too; names must be unique."));
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

    /// <summary>The pattern compiled as matching uses it, or why it cannot be.</summary>
    internal static (Regex? Pattern, string? Problem) TryCompile(string pattern, TimeSpan matchTimeout)
    {
        try
        {
            return (new Regex(pattern, PatternOptions, matchTimeout), null);
        }
        catch (NotSupportedException e)
        {
            return (null, $"cannot be matched in linear time (no backreferences, lookarounds, atomic groups or conditionals): {e.Message}");
        }
        catch (ArgumentException e)
        {
            return (null, $"is not a regular expression: {e.Message}");
        }
    }

    private static void ValidateCondition(ImmutableArray<FieldViolation>.Builder violations, string at, RuleCondition condition)
    {
        if (!AlertFields.IsField(condition.Field, Fields) || condition.Field.Length > AlertFields.DetailPrefix.Length + AlertValidator.MaxDetailKeyLength)
        {
            violations.Add(new($"{at}.field", $"'{AlertValidator.Truncate(condition.Field ?? "")}' is not a field; {AlertFields.Expected(Fields)}."));
        }
        if (string.IsNullOrEmpty(condition.Pattern))
        {
            violations.Add(new($"{at}.pattern", "is required."));
        }
        else if (condition.Pattern.Length > MaxPatternLength)
        {
            violations.Add(new($"{at}.pattern", $"is {condition.Pattern.Length} characters; at most {MaxPatternLength}."));
        }
        else if (TryCompile(condition.Pattern, MatchTimeout).Problem is { } problem)
        {
            violations.Add(new($"{at}.pattern", problem));
        }
    }
}
