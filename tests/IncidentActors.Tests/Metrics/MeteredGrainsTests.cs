using System.Diagnostics.Metrics;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Escalation;
using IncidentActors.Intake;
using IncidentActors.Metrics;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Responders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Xunit;

namespace IncidentActors.Tests.Metrics;

/// <summary>Where the grains record into the domain meter: intake, the deadline shards and responders, on a fake clock.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MeteredGrainsTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const int Burst = 2;

    private static readonly KeyValuePair<string, object?>[] IncidentEscalation = [new("deadline", "escalation"), new("owner", "incident")];

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [$"{IntakeOptions.Section}:{nameof(IntakeOptions.AlertsPerSecond)}"] = "1",
        [$"{IntakeOptions.Section}:{nameof(IntakeOptions.Burst)}"] = $"{Burst}",
    };

    [Fact]
    public async Task IntakeCountsWhatBecameOfEachAlertAndWhatTheRateLimitRefused()
    {
        using var alerts = Collect<long>(IncidentActorsMetrics.IntakeAlertsInstrument);
        var unit = AzuriteFixture.UniqueName("unit");
        var serviceId = AzuriteFixture.UniqueName("svc");
        var service = Grains.GetGrain<IServiceGrain>(serviceId);
        await service.Register(Cluster.Alerts.Service(serviceId, unit));

        await service.IngestBatch([Cluster.Alerts.Trigger(serviceId, "k1"), Cluster.Alerts.Trigger(serviceId, "k1"), Cluster.Alerts.Trigger(serviceId, "k2")]);
        await Assert.ThrowsAsync<RateLimitedException>(() => service.Ingest(Cluster.Alerts.Trigger(serviceId, "k3")));

        var byDisposition = alerts.GetMeasurementSnapshot().Where(m => (string?)m.Tags["business_unit"] == unit)
            .GroupBy(m => (string)m.Tags["disposition"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(new Dictionary<string, long> { ["opened"] = 1, ["deduplicated"] = 1, [IncidentActorsMetrics.RateLimited] = 2 }, byDisposition);
    }

    [Fact]
    public async Task AnEscalationReachingItsIncidentLateIsMeasuredFromItsDueTime()
    {
        using var lateness = Collect<double>(IncidentActorsMetrics.DeadlineLatenessInstrument);
        var policyId = AzuriteFixture.UniqueName("policy");
        await Grains.GetGrain<IEscalationPolicyGrain>(policyId).Define(new EscalationPolicyDefinition(policyId, "Primary", [
            new([new EscalationTarget(EscalationTargetKind.Responder, "alice")], TimeSpan.FromMinutes(5)),
            new([new EscalationTarget(EscalationTargetKind.Responder, "bob")], TimeSpan.FromMinutes(5)),
        ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(10)));
        await Cluster.Alerts.OpenIncidentAsync(Grains, AzuriteFixture.UniqueName("unit"), policyId);

        Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(30));

        var escalation = await Eventually.Get(() => Task.FromResult(lateness.GetMeasurementSnapshot().Where(m => m.MatchesTags(IncidentEscalation)).ToList()),
            found => found.Count > 0, what: "the escalation to fire");
        Assert.Equal(30.0, Assert.Single(escalation).Value);
    }

    [Fact]
    public async Task PagesAreCountedOnceSettledOnEachChannel()
    {
        using var deliveries = Collect<long>(IncidentActorsMetrics.PageDeliveriesInstrument);
        await using var receiver = await ScriptedReceiver.StartAsync(200);
        var responderId = AzuriteFixture.UniqueName("person");
        var responder = Grains.GetGrain<IResponderGrain>(responderId);
        await responder.Define(new ResponderDefinition(responderId, responderId, "UTC", [new WebhookContact(receiver.Url, "0123456789abcdef-secret")]));

        await responder.Page(new Page($"inc-{responderId}/L1/R1", $"inc-{responderId}", responderId, "Queue backlog", AlertSeverity.Error, 1, 1, "test",
            Clock.GetUtcNow()));
        Clock.Advance(TimeSpan.Zero);

        var settled = await Eventually.Get(() => Task.FromResult(deliveries.GetMeasurementSnapshot()), found => found.Count == 2, what: "both channels to settle");
        Assert.Equal([("failed", "stream"), ("delivered", "webhook")], settled.Select(m => ((string)m.Tags["outcome"]!, (string)m.Tags["channel"]!)));
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(SiloServices.GetRequiredService<IMeterFactory>(), IncidentActorsMetrics.MeterName, instrument);
}
