using System.Diagnostics.Metrics;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Metrics;
using IncidentActors.Responders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace IncidentActors.Tests.Metrics;

/// <summary>What each instrument of the domain meter records, and that no tag carries an id, a URL or a person.</summary>
public sealed class IncidentActorsMetricsTests
{
    private readonly IMeterFactory _meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    [Fact]
    public void AlertsAreCountedByDispositionAndBusinessUnitAndRefusedOnesAsRateLimited()
    {
        using var alerts = Collect<long>(IncidentActorsMetrics.IntakeAlertsInstrument);
        var metrics = new IncidentActorsMetrics(_meters);

        metrics.AlertsTaken("retail", [Outcome(AlertDisposition.Opened), Outcome(AlertDisposition.Deduplicated), Outcome(AlertDisposition.NoOpenIncident)]);
        metrics.AlertsRateLimited("retail", 3);
        metrics.AlertsRateLimited("retail", 0);

        Assert.Equal(
            [("opened", 1L), ("deduplicated", 1L), ("no_open_incident", 1L), ("rate_limited", 3L)],
            alerts.GetMeasurementSnapshot().Select(m => ((string)m.Tags["disposition"]!, m.Value)));
        Assert.All(alerts.GetMeasurementSnapshot(), m => Assert.Equal("retail", m.Tags["business_unit"]));
    }

    [Fact]
    public void SettledDeliveriesAreCountedByOutcomeAndChannelKindWithoutTheirUrl()
    {
        using var deliveries = Collect<long>(IncidentActorsMetrics.PageDeliveriesInstrument);
        var metrics = new IncidentActorsMetrics(_meters);

        metrics.DeliveriesSettled([
            Delivery("stream", DeliveryStatus.Failed),
            Delivery("webhook:https://hooks.example.com/alice?token=secret", DeliveryStatus.Delivered),
            Delivery("webhook:https://hooks.example.com/bob", DeliveryStatus.Pending),
            Delivery("webhook:https://hooks.example.com/carol", DeliveryStatus.Cancelled),
        ]);

        Assert.Equal(
            [("failed", "stream"), ("delivered", "webhook"), ("cancelled", "webhook")],
            deliveries.GetMeasurementSnapshot().Select(m => ((string)m.Tags["outcome"]!, (string)m.Tags["channel"]!)));
    }

    [Fact]
    public void DeadlineLatenessIsMeasuredInSecondsByKindAndOwnerTypeWithoutTheirIds()
    {
        using var lateness = Collect<double>(IncidentActorsMetrics.DeadlineLatenessInstrument);
        var metrics = new IncidentActorsMetrics(_meters);
        var due = DateTimeOffset.UtcNow;

        metrics.DeadlineFired(new DeadlineEntry(GrainId.Create("incident", "checkout-1"), "escalation", due), TimeSpan.FromMilliseconds(250));
        metrics.DeadlineFired(new DeadlineEntry(GrainId.Create("responder", "alice"), "deliver:checkout-1/L1/R1", due), TimeSpan.FromSeconds(3));

        Assert.Equal(
            [(0.25, "escalation", "incident"), (3.0, "deliver", "responder")],
            lateness.GetMeasurementSnapshot().Select(m => (m.Value, (string)m.Tags["deadline"]!, (string)m.Tags["owner"]!)));
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_meters, IncidentActorsMetrics.MeterName, instrument);

    private static AlertOutcome Outcome(AlertDisposition disposition) => new(disposition, "key", "checkout-1", null, 1);

    private static DeliveryRecord Delivery(string channel, DeliveryStatus status) => new(channel, status, 1, DateTimeOffset.UtcNow, null, null);
}
