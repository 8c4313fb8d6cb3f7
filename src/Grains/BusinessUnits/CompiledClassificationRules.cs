using System.Text.RegularExpressions;
using IncidentActors.Alerts;
using IncidentActors.Incidents;
using IncidentActors.Intake;

namespace IncidentActors.BusinessUnits;

/// <summary>One published version of a unit's classification rules, each pattern compiled once.</summary>
public sealed class CompiledClassificationRules
{
    private readonly CompiledRule[] _rules;

    internal CompiledClassificationRules(ClassificationRules rules, TimeSpan matchTimeout)
    {
        Source = rules;
        _rules = [.. rules.Rules.Select(rule => new CompiledRule(rule,
            [.. rule.When.Select(c => new CompiledCondition(c.Field, AlertClassifier.TryCompile(c.Pattern, matchTimeout).Pattern))]))];
    }

    public ClassificationRules Source { get; }

    /// <summary>
    /// The first rule whose every condition matches, as the incident records it. A rule that cannot be evaluated (a
    /// match that ran out of time, or a pattern published before linear-time matching that it cannot run) ends
    /// classification there, reported as the outcome's failure: a later rule would otherwise classify what this one should.
    /// </summary>
    public ClassificationOutcome Classify(AlertEvent alert, BusinessImpact impact, SeverityMatrix matrix)
    {
        foreach (var (rule, conditions) in _rules)
        {
            switch (Evaluate(conditions, alert, out var failed))
            {
                case Evaluation.Matched:
                    return new(new Classification(rule.Name, Source.Version, rule.Category, rule.Urgency, impact, matrix.Classify(impact, rule.Urgency)), null);
                case Evaluation.Failed:
                    return new(null, new RuleFailure(rule.Name, failed!.Value.Field, failed.Value.Reason));
            }
        }
        return new(null, null);
    }

    /// <summary>Conditions in order, stopping at the first that does not match.</summary>
    private static Evaluation Evaluate(CompiledCondition[] conditions, AlertEvent alert, out (string Field, RuleFailureReason Reason)? failed)
    {
        failed = null;
        foreach (var (field, pattern) in conditions)
        {
            if (pattern is null)
            {
                failed = (field, RuleFailureReason.UnsupportedPattern);
                return Evaluation.Failed;
            }
            try
            {
                if (AlertFields.ValueOf(alert, field) is not { } value || !pattern.IsMatch(value))
                {
                    return Evaluation.NotMatched;
                }
            }
            catch (RegexMatchTimeoutException)
            {
                failed = (field, RuleFailureReason.Timeout);
                return Evaluation.Failed;
            }
        }
        return Evaluation.Matched;
    }

    private enum Evaluation
    {
        Matched,
        NotMatched,
        Failed,
    }

    private sealed record CompiledRule(ClassificationRule Rule, CompiledCondition[] Conditions);

    private sealed record CompiledCondition(string Field, Regex? Pattern);
}
