using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace IncidentActors.Tests.BusinessUnits;

/// <summary>Classification rules match in linear time, are compiled once per version, and never fail silently.</summary>
public sealed class ClassificationRuleTests
{
    private static readonly DateTimeOffset PublishedAt = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PatternThatBacktracksCatastrophicallyStillMatchesPromptly()
    {
        // A backtracking engine tries every split of the a's before it reaches the '!' alternative.
        var rules = Rules(new ClassificationRule("bang", "other", Urgency.Low, [new("summary", "^(a+)+c|!")]));
        var stopwatch = Stopwatch.StartNew();

        var outcome = AlertClassifier.Compile(rules).Classify(Alert(new string('a', 64) + "!"), BusinessImpact.Minor, BusinessUnitDefaults.StandardMatrix);

        Assert.Equal("bang", outcome.Classification?.RuleName);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(1), $"took {stopwatch.Elapsed}");
    }

    [Fact]
    public void PatternsThatNeedBacktrackingOrAreTooLongAreRefusedNamingTheirField()
    {
        ImmutableArray<ClassificationRule> rules = [
            new("backreference", "other", Urgency.Low, [new("summary", @"(a)\1")]),
            new("lookahead", "other", Urgency.Low, [new("summary", "(?=x)x"), new("source", "(?<!y)x")]),
            new("atomic", "other", Urgency.Low, [new("summary", "(?>a+)b")]),
            new("long", "other", Urgency.Low, [new("summary", new string('x', AlertClassifier.MaxPatternLength + 1))]),
            new("fine", "other", Urgency.Low, [new("summary", "disk (is )?full")]),
        ];

        var error = Assert.Throws<InvalidRequestException>(() => AlertClassifier.Validate(rules, "sre-lead"));

        Assert.Equal(["rules[0].when[0].pattern", "rules[1].when[0].pattern", "rules[1].when[1].pattern", "rules[2].when[0].pattern", "rules[3].when[0].pattern"],
            error.Violations.Select(v => v.Field));
        Assert.Contains("linear time", error.Violations[0].Description);
    }

    [Fact]
    public void ConditionsAreCappedInAll()
    {
        var rules = Enumerable.Range(0, AlertClassifier.MaxRules).Select(i => new ClassificationRule($"r{i}", "other", Urgency.Low,
            [.. Enumerable.Repeat(new RuleCondition("summary", "x"), AlertClassifier.MaxConditionsInAll / AlertClassifier.MaxRules + 1)])).ToImmutableArray();

        var error = Assert.Throws<InvalidRequestException>(() => AlertClassifier.Validate(rules, "sre-lead"));

        Assert.Equal("rules", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void EachVersionIsCompiledOnce()
    {
        var classification = new AlertClassification(Meters(), NullLogger<AlertClassification>.Instance);
        var first = Rules(new ClassificationRule("disk", "capacity", Urgency.High, [new("summary", "disk")]));
        var second = first with { Version = 2 };

        var compiled = classification.Compiled("retail", first);

        Assert.Same(compiled, classification.Compiled("retail", first with { }));
        Assert.NotSame(compiled, classification.Compiled("retail", second));
        Assert.NotSame(compiled, classification.Compiled("wholesale", first));
    }

    [Fact]
    public void MatchThatRunsOutOfTimeIsLoggedCountedAndEndsClassification()
    {
        var meters = Meters();
        var logger = new RecordingLogger();
        var classification = new AlertClassification(meters, logger, TimeSpan.FromTicks(1));
        using var failures = new FailureCounter(meters);
        var rules = Rules(
            new ClassificationRule("slow", "capacity", Urgency.High, [new("summary", "^(a|aa)*$")]),
            new ClassificationRule("anything", "other", Urgency.Low, [new("summary", "a")]));

        var outcome = classification.Classify("retail", rules, Alert(new string('a', 10_000_000)), BusinessImpact.Minor, BusinessUnitDefaults.StandardMatrix);

        Assert.Equal(new ClassificationOutcome(null, new RuleFailure("slow", "summary", RuleFailureReason.Timeout)), outcome);
        Assert.Equal(1, failures.Count);
        Assert.Contains(logger.Warnings, w => w.Contains("slow") && w.Contains("Timeout"));
    }

    [Fact]
    public void PatternPublishedBeforeLinearMatchingEndsClassificationAndIsCounted()
    {
        var meters = Meters();
        var classification = new AlertClassification(meters, NullLogger<AlertClassification>.Instance);
        using var failures = new FailureCounter(meters);
        var rules = Rules(
            new ClassificationRule("legacy", "capacity", Urgency.High, [new("summary", @"(disk)\1")]),
            new ClassificationRule("anything", "other", Urgency.Low, [new("summary", "disk")]));

        var outcome = classification.Classify("retail", rules, Alert("diskdisk"), BusinessImpact.Minor, BusinessUnitDefaults.StandardMatrix);

        Assert.Equal(new RuleFailure("legacy", "summary", RuleFailureReason.UnsupportedPattern), outcome.Failure);
        Assert.Null(outcome.Classification);
        Assert.Equal(1, failures.Count);
    }

    private static ClassificationRules Rules(params ClassificationRule[] rules) => new(1, [.. rules], PublishedAt, "sre-lead");

    private static AlertEvent Alert(string summary) =>
        new("checkout", AlertAction.Trigger, "k1", summary, "prometheus", AlertSeverity.Error, "api", ImmutableSortedDictionary<string, string>.Empty, "grpc");

    private static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    /// <summary>Counts the failures of the classification created through one meter factory, not those of other tests.</summary>
    private sealed class FailureCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public FailureCounter(IMeterFactory meters)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == AlertClassification.FailuresInstrument)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _count, value));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    private sealed class RecordingLogger : ILogger<AlertClassification>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
