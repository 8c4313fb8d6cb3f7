using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Intake;
using IncidentActors.Services;
using Xunit;

namespace IncidentActors.Tests.Intake;

/// <summary>The plain rules of intake: rate limiting, group keys, catalog completion and classification.</summary>
public sealed class IntakeRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static AlertEvent Alert(string summary = "HTTP 5xx rate above 5%", string? component = "api", string? category = null) =>
        new("checkout", AlertAction.Trigger, "k1", summary, "prometheus", AlertSeverity.Error, component,
            ImmutableSortedDictionary<string, string>.Empty.Add("instance", "web-1"), "grpc", Category: category);

    [Fact]
    public void TokenBucketLetsABurstThroughThenRefillsAtItsRate()
    {
        var bucket = new TokenBucket(perSecond: 10, burst: 5, T0);

        Assert.Equal(5, bucket.Take(8, T0));
        Assert.Equal(0, bucket.Take(1, T0));
        Assert.Equal(TimeSpan.FromMilliseconds(100), bucket.NextTokenIn(T0));
        Assert.Equal(2, bucket.Take(3, T0.AddMilliseconds(250)));
        // Never more than the burst, however long the quiet.
        Assert.Equal(5, bucket.Take(100, T0.AddHours(1)));
    }

    [Fact]
    public void WithoutGroupingFieldsEachDedupKeyIsItsOwnGroup()
    {
        var grouping = AlertGrouping.None;

        Assert.NotEqual(AlertGroupKey.Of(Alert(), grouping), AlertGroupKey.Of(Alert() with { DedupKey = "k2" }, grouping));
    }

    [Fact]
    public void AlertsAgreeingOnTheGroupingFieldsShareAGroup()
    {
        var grouping = new AlertGrouping(["component", "detail.instance"], TimeSpan.FromMinutes(5), TimeSpan.Zero);

        Assert.Equal(AlertGroupKey.Of(Alert(), grouping), AlertGroupKey.Of(Alert("disk full") with { DedupKey = "k2" }, grouping));
        Assert.NotEqual(AlertGroupKey.Of(Alert(), grouping), AlertGroupKey.Of(Alert(component: "db"), grouping));
        // A missing value is not the empty value, and values never run into each other.
        Assert.NotEqual(AlertGroupKey.Of(Alert(component: null), grouping), AlertGroupKey.Of(Alert(component: ""), grouping));
        Assert.NotEqual(
            AlertGroupKey.Of(Alert(component: "a|1:b"), new AlertGrouping(["component", "category"], TimeSpan.Zero, TimeSpan.Zero)),
            AlertGroupKey.Of(Alert(component: "a", category: "b"), new AlertGrouping(["component", "category"], TimeSpan.Zero, TimeSpan.Zero)));
    }

    [Fact]
    public void CatalogFillsWhatTheAlertLeftOutAndRefusesAnotherEnvironment()
    {
        var service = new ServiceDefinition("checkout", "Checkout", "payments-team", "retail", Environment: "production");

        var completed = AlertValidator.CompleteFromCatalog(Alert(), service);
        Assert.Equal(("production", "payments-team"), (completed.Environment, completed.Owner));
        Assert.Equal("db-team", AlertValidator.CompleteFromCatalog(Alert() with { Owner = "db-team" }, service).Owner);

        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.CompleteFromCatalog(Alert() with { Environment = "staging" }, service));
        Assert.Equal("environment", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void MetadataLabelsAreValidated()
    {
        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(Alert(category: "Disk Full") with { Environment = "prod!" }));

        Assert.Equal(["environment", "category"], error.Violations.Select(v => v.Field));
    }

    [Fact]
    public void FirstMatchingRuleClassifiesThroughTheServiceImpactAndTheMatrix()
    {
        var rules = new ClassificationRules(3, [
            new("disk-full", "capacity", Urgency.High, [new("summary", "disk (is )?full")]),
            new("http-5xx", "availability", Urgency.Critical, [new("summary", @"5xx"), new("component", "^api$")]),
            new("any-api", "other", Urgency.Low, [new("component", "api")]),
        ], T0, "sre-lead");

        var compiled = AlertClassifier.Compile(rules);
        var classification = compiled.Classify(Alert(), BusinessImpact.Significant, BusinessUnitDefaults.StandardMatrix).Classification;

        Assert.NotNull(classification);
        Assert.Equal(("http-5xx", 3, "availability"), (classification.RuleName, classification.RulesVersion, classification.Category));
        Assert.Equal(IncidentSeverity.Sev1, classification.Severity);
        Assert.Equal(IncidentSeverity.Sev4,
            compiled.Classify(Alert("latency"), BusinessImpact.Minor, BusinessUnitDefaults.StandardMatrix).Classification!.Severity);
        Assert.Equal(new ClassificationOutcome(null, null), compiled.Classify(Alert("latency", component: "db"), BusinessImpact.Minor, BusinessUnitDefaults.StandardMatrix));
    }

    [Fact]
    public void CustomDetailsAndSeverityCanBeMatched()
    {
        var rules = new ClassificationRules(1, [
            new("cert", "certificate-expiry", Urgency.Medium, [new("detail.alertname", "^CertificateExpiry"), new("severity", "error|warning")]),
        ], T0, "sre-lead");
        var alert = Alert() with { CustomDetails = ImmutableSortedDictionary<string, string>.Empty.Add("alertname", "CertificateExpirySoon") };

        var compiled = AlertClassifier.Compile(rules);

        Assert.Equal("certificate-expiry", compiled.Classify(alert, BusinessImpact.Moderate, BusinessUnitDefaults.StandardMatrix).Classification?.Category);
        Assert.Null(compiled.Classify(alert with { Severity = AlertSeverity.Critical }, BusinessImpact.Moderate, BusinessUnitDefaults.StandardMatrix).Classification);
    }

    [Fact]
    public void BadRulesAreRefusedWithEveryViolation()
    {
        ImmutableArray<ClassificationRule> rules = [
            new("dup", "ok", Urgency.High, [new("summary", "x")]),
            new("dup", "Not A Label", (Urgency)9, [new("colour", "("), new("summary", "")]),
            new("empty", "ok", Urgency.Low, []),
        ];

        var error = Assert.Throws<InvalidRequestException>(() => AlertClassifier.Validate(rules, ""));

        Assert.Equal(
            ["published_by", "rules[1].name", "rules[1].category", "rules[1].urgency", "rules[1].when[0].field", "rules[1].when[0].pattern",
             "rules[1].when[1].pattern", "rules[2].when"],
            error.Violations.Select(v => v.Field));
    }
}
