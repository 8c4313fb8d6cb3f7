using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using IncidentActors.Alerts;
using Microsoft.Extensions.Logging;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// Classifies alerts by their unit's rules, compiling each unit's latest published version once per silo. A rule that
/// could not be evaluated is logged and counted (<see cref="FailuresInstrument"/>, tagged with its reason), never
/// taken for "no match".
/// </summary>
public sealed class AlertClassification
{
    public const string MeterName = "IncidentActors.Classification";
    public const string FailuresInstrument = "incidentactors.classification.rule_failures";

    private readonly ConcurrentDictionary<string, CompiledClassificationRules> _latest = new(StringComparer.Ordinal);
    private readonly Func<ClassificationRules, CompiledClassificationRules> _compile;
    private readonly Counter<long> _failures;
    private readonly ILogger<AlertClassification> _logger;

    public AlertClassification(IMeterFactory meters, ILogger<AlertClassification> logger)
        : this(meters, logger, AlertClassifier.MatchTimeout)
    {
    }

    /// <param name="matchTimeout">One pattern match's limit; tests shorten it to see a match run out of time.</param>
    internal AlertClassification(IMeterFactory meters, ILogger<AlertClassification> logger, TimeSpan matchTimeout)
    {
        _compile = rules => new CompiledClassificationRules(rules, matchTimeout);
        _failures = meters.Create(MeterName).CreateCounter<long>(FailuresInstrument, "{rule}",
            "Classification rules that could not be evaluated against an alert, which was then left unclassified.");
        _logger = logger;
    }

    public ClassificationOutcome Classify(string businessUnitId, ClassificationRules rules, AlertEvent alert, BusinessImpact impact, SeverityMatrix matrix)
    {
        if (rules.Rules.IsDefaultOrEmpty)
        {
            return new(null, null);
        }
        var outcome = Compiled(businessUnitId, rules).Classify(alert, impact, matrix);
        if (outcome.Failure is { } failure)
        {
            _failures.Add(1, new KeyValuePair<string, object?>("reason", failure.Reason == RuleFailureReason.Timeout ? "timeout" : "unsupported_pattern"));
            _logger.LogWarning("Rule {RuleName} of version {RulesVersion} of business unit {BusinessUnitId} could not be evaluated on {Field} ({Reason}); " +
                "alert {DedupKey} of service {ServiceId} is left unclassified", failure.RuleName, rules.Version, businessUnitId, failure.Field, failure.Reason,
                alert.DedupKey, alert.ServiceId);
        }
        return outcome;
    }

    /// <summary>The version last asked for of the unit, compiled when another was asked for before.</summary>
    internal CompiledClassificationRules Compiled(string businessUnitId, ClassificationRules rules)
    {
        if (_latest.TryGetValue(businessUnitId, out var cached) && Same(cached.Source, rules))
        {
            return cached;
        }
        var compiled = _compile(rules);
        _latest[businessUnitId] = compiled;
        return compiled;
    }

    // A version is published once; its publication time tells it from a version of a unit whose state was lost and published anew.
    private static bool Same(ClassificationRules a, ClassificationRules b) => a.Version == b.Version && a.PublishedAt == b.PublishedAt;
}
