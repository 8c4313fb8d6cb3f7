using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Responders;
using IncidentActors.Tests.Cluster;
using Microsoft.Extensions.Time.Testing;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents;

/// <summary>A command whose write fails leaves nothing behind: not its change, and not a disarmed deadline.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FailedWriteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Level1 = TimeSpan.FromMinutes(5);

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly FaultyGrainStorage.Faults _faults = new();
    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1, _clock,
            configure: silo => FaultyGrainStorage.Install(silo, _faults));
        foreach (var person in new[] { "alice", "bob" })
        {
            await Grains.GetGrain<IResponderGrain>(person).Define(new ResponderDefinition(person, person, "Europe/London", []));
        }
        await Grains.GetGrain<IEscalationPolicyGrain>("primary").Define(new EscalationPolicyDefinition("primary", "Primary", [
            new([new EscalationTarget(EscalationTargetKind.Responder, "alice")], Level1),
            new([new EscalationTarget(EscalationTargetKind.Responder, "bob")], Level1),
        ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(10)));
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task AnAcknowledgementWhoseWriteFailedDoesNotStopEscalation()
    {
        var incident = await OpenIncidentAsync();
        _faults.FailNextWrite(incident.GetGrainId());

        await Assert.ThrowsAnyAsync<Exception>(() => incident.Acknowledge(new ResponderAction("alice", null)));
        _clock.Advance(Level1);

        var escalated = await Eventually.Get(() => incident.Get(), v => v.Pages.Any(p => p.ResponderId == "bob"), what: "level 2 to be paged");
        Assert.Equal(IncidentStatus.Triggered, escalated.Status);
        Assert.Null(escalated.AcknowledgedBy);
    }

    [Fact]
    public async Task AnAcknowledgementRetriedAfterAFailedWriteIsStoredAndStopsEscalation()
    {
        var incident = await OpenIncidentAsync();
        _faults.FailNextWrite(incident.GetGrainId());
        await Assert.ThrowsAnyAsync<Exception>(() => incident.Acknowledge(new ResponderAction("alice", null)));

        var acknowledged = await incident.Acknowledge(new ResponderAction("alice", null));
        _clock.Advance(Level1 + Level1);

        Assert.Equal(IncidentStatus.Acknowledged, acknowledged.Status);
        var stored = await StoredStates.ReadAsync<IncidentState>(_cluster, "incident", incident.GetGrainId());
        Assert.Equal((IncidentStatus.Acknowledged, "alice"), (stored.Status, stored.AcknowledgedBy));
        Assert.Null(stored.NextEscalationAt);
        Assert.DoesNotContain((await incident.Get()).Pages, p => p.ResponderId == "bob");
    }

    [Fact]
    public async Task ADeliveryReceiptTheIncidentFailedToStoreIsReportedAgainUntilItIsStored()
    {
        await using var receiver = await ScriptedReceiver.StartAsync(503, 200);
        var responderId = AzuriteFixture.UniqueName("carol");
        await Grains.GetGrain<IResponderGrain>(responderId).Define(new ResponderDefinition(responderId, responderId, "UTC",
            [new WebhookContact(receiver.Url, "0123456789abcdef-secret")]));
        var policyId = AzuriteFixture.UniqueName("webhooked");
        await Grains.GetGrain<IEscalationPolicyGrain>(policyId).Define(new EscalationPolicyDefinition(policyId, policyId,
            [new([new EscalationTarget(EscalationTargetKind.Responder, responderId)], Level1)], Repeats: 0, HandoverAcknowledgeWithin: Level1));
        var incident = await OpenIncidentAsync(policyId);
        _clock.Advance(TimeSpan.Zero);
        await Eventually.Get(() => incident.Get(), v => Webhook(v).Attempts == 1, what: "the first attempt's receipt");

        _faults.FailNextWrite(incident.GetGrainId());
        _clock.Advance(DeliveryBackoff.DelayBefore(2));
        await Eventually.True(() => Task.FromResult(!_faults.Armed(incident.GetGrainId())), what: "the incident's failed write of the second receipt");
        Assert.Equal((DeliveryStatus.Pending, 1), (Webhook(await incident.Get()).Status, Webhook(await incident.Get()).Attempts));
        _clock.Advance(TimeSpan.FromSeconds(5));

        await Eventually.True(async () => Webhook(await StoredStates.ReadAsync<IncidentState>(_cluster, "incident", incident.GetGrainId())).Status
            == DeliveryStatus.Delivered, what: "the receipt to be stored by the incident");
        Assert.Equal(2, receiver.Requests.Count);
    }

    private static DeliveryRecord Webhook(IncidentView view) => view.Pages.Single().Deliveries.Single(d => d.Channel.StartsWith("webhook:"));

    private static DeliveryRecord Webhook(IncidentState state) => state.Pages.Single().Deliveries.Single(d => d.Channel.StartsWith("webhook:"));

    private async Task<IIncidentGrain> OpenIncidentAsync(string policyId = "primary")
    {
        var serviceId = AzuriteFixture.UniqueName("svc");
        var service = Grains.GetGrain<IServiceGrain>(serviceId);
        await service.Register(new ServiceDefinition(serviceId, serviceId, "sre", "retail", policyId));
        var outcome = await service.Ingest(new AlertEvent(serviceId, AlertAction.Trigger, "disk", "Disk full", "node-1",
            AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        var incident = Grains.GetGrain<IIncidentGrain>(outcome.IncidentId!);
        await Eventually.Get(() => incident.Get(), v => v.Pages.Length == 1, what: "level 1 to be paged");
        return incident;
    }
}
