using IncidentActors.Incidents;

namespace IncidentActors.BusinessUnits;

/// <param name="Failure">Why classification stopped before finding a rule; null when every rule was evaluated.</param>
public sealed record ClassificationOutcome(Classification? Classification, RuleFailure? Failure);

/// <summary>A rule that could not be evaluated against an alert, and on which field.</summary>
public sealed record RuleFailure(string RuleName, string Field, RuleFailureReason Reason);

public enum RuleFailureReason
{
    /// <summary>The match took longer than <see cref="AlertClassifier.MatchTimeout"/>.</summary>
    Timeout,

    /// <summary>A pattern published before matching was linear-time, which this engine cannot run.</summary>
    UnsupportedPattern,
}
