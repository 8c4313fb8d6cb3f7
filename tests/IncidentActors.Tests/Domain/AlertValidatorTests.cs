using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Services;
using Xunit;

namespace IncidentActors.Tests.Domain;

public sealed class AlertValidatorTests
{
    private static AlertEvent Trigger() => new("checkout", AlertAction.Trigger, "db-down", "Database down", "db-1",
        AlertSeverity.Critical, "postgres", ImmutableSortedDictionary<string, string>.Empty, "grpc");

    [Fact]
    public void WellFormedTriggerPasses() => AlertValidator.Validate(Trigger());

    [Fact]
    public void TriggerWithoutDedupKeyPasses() => AlertValidator.Validate(Trigger() with { DedupKey = null });

    [Fact]
    public void EveryViolationIsReportedAtOnce()
    {
        var alert = Trigger() with { ServiceId = "", Summary = " ", Source = new string('s', 300) };

        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(alert));

        Assert.Equal(["service_id", "summary", "source"], error.Violations.Select(v => v.Field));
    }

    [Theory]
    [InlineData(AlertAction.Acknowledge)]
    [InlineData(AlertAction.Resolve)]
    public void AcknowledgeAndResolveNeedADedupKey(AlertAction action)
    {
        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(Trigger() with { Action = action, DedupKey = null }));

        Assert.Equal("dedup_key", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void ResolveNeedsNoSummary() =>
        AlertValidator.Validate(Trigger() with { Action = AlertAction.Resolve, Summary = "", Source = "" });

    [Fact]
    public void UndefinedActionIsRejected()
    {
        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(Trigger() with { Action = (AlertAction)42 }));

        Assert.Contains(error.Violations, v => v.Field == "action");
    }

    [Fact]
    public void OversizedSummaryIsRejected()
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            AlertValidator.Validate(Trigger() with { Summary = new string('x', AlertValidator.MaxSummaryLength + 1) }));

        Assert.Contains("at most 1024", Assert.Single(error.Violations).Description);
    }

    [Fact]
    public void DedupKeyWithControlCharactersIsRejected()
    {
        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(Trigger() with { DedupKey = "a\nb" }));

        Assert.Equal("dedup_key", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void TooManyOrOversizedCustomDetailsAreRejected()
    {
        var many = Enumerable.Range(0, AlertValidator.MaxCustomDetails + 1).ToImmutableSortedDictionary(i => $"k{i}", i => "v");
        var big = ImmutableSortedDictionary<string, string>.Empty.Add("trace", new string('t', AlertValidator.MaxDetailValueLength + 1));

        Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(Trigger() with { CustomDetails = many }));
        var error = Assert.Throws<InvalidRequestException>(() => AlertValidator.Validate(Trigger() with { CustomDetails = big }));
        Assert.Equal("custom_details.trace", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void ServiceDefinitionMustMatchTheServiceAddressed()
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            ServiceDefinitionValidator.Validate("billing", new ServiceDefinition("checkout", "Checkout", "payments", "retail")));

        Assert.Equal("id", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void ServiceDefinitionNeedsOwnerAndBusinessUnit()
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            ServiceDefinitionValidator.Validate("checkout", new ServiceDefinition("checkout", "Checkout", "", "")));

        Assert.Equal(["owner_team", "business_unit_id"], error.Violations.Select(v => v.Field));
    }
}
