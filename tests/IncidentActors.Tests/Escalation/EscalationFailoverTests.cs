using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using IncidentActors.Tests.Responders;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Escalation;

[Collection(AzuriteCollection.Name)]
public sealed class EscalationFailoverTests(AzuriteFixture azurite)
{
    private const string Secret = "0123456789abcdef-secret";

    [Fact]
    public async Task EscalationArmedOnAKilledSiloPagesTheNextLevelOnceFromAnotherSilo()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 3, clock);
        await using var bobsWebhook = await ScriptedReceiver.StartAsync();
        var grains = cluster.Client;
        await grains.GetGrain<IResponderGrain>("alice").Define(new ResponderDefinition("alice", "Alice", "UTC", []));
        await grains.GetGrain<IResponderGrain>("bob").Define(new ResponderDefinition("bob", "Bob", "UTC", [new WebhookContact(bobsWebhook.Url, Secret)]));
        await grains.GetGrain<IEscalationPolicyGrain>("db").Define(new EscalationPolicyDefinition("db", "Database", [
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "alice")], TimeSpan.FromMinutes(5)),
            new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, "bob")], TimeSpan.FromMinutes(5)),
        ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(5)));
        await grains.GetGrain<IServiceGrain>("orders-db").Register(new ServiceDefinition("orders-db", "Orders DB", "dba", "retail", "db"));
        var opened = await grains.GetGrain<IServiceGrain>("orders-db").Ingest(new AlertEvent("orders-db", AlertAction.Trigger, "replication",
            "Replication stopped", "db-2", AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "grpc"));
        var incident = grains.GetGrain<IIncidentGrain>(opened.IncidentId!);
        await Eventually.Get(() => Tick(clock, incident.Get()), v => v.Pages.Length == 1, what: "level 1 to be paged");

        // The silo that holds the incident's escalation deadline dies before the deadline falls due.
        var shard = DeadlineShards.For(grains, incident.GetGrainId()).GetGrainId();
        var victim = cluster.Silos.Single(s => cluster.TryGetGrainContext(shard, out var c) && s.SiloAddress.Equals(c?.Address.SiloAddress));
        await cluster.KillSiloAsync(victim);
        clock.Advance(TimeSpan.FromMinutes(5));

        // A fire that meets the dead silo is retried after DeadlineOptions.RetryDelay on the grain
        // clock: let fake time pass about as fast as real time while membership declares the death.
        var view = await Eventually.Get(() => Tick(clock, incident.Get(), TimeSpan.FromMilliseconds(50)),
            v => v.Pages.Length == 2 && v.Pages[1].Deliveries.Any(d => d.Channel.StartsWith("webhook:") && d.Status == DeliveryStatus.Delivered),
            TimeSpan.FromSeconds(60), "level 2 to be paged and delivered after the failover");
        var bobsLog = await grains.GetGrain<IResponderGrain>("bob").Notifications(100);

        Assert.Equal(("bob", 2), (view.Pages[1].ResponderId, view.Pages[1].Level));
        Assert.Single(bobsLog);
        Assert.Equal(view.Pages[1].IdempotencyKey, Assert.Single(bobsWebhook.Requests).Headers["Idempotency-Key"]);
        Assert.False(cluster.TryGetGrainContext(shard, out var now) && victim.SiloAddress.Equals(now?.Address.SiloAddress));
    }

    /// <summary>Lets timers due by now (plus <paramref name="step"/>) run on the fake clock while the test waits.</summary>
    private static Task<T> Tick<T>(FakeTimeProvider clock, Task<T> probe, TimeSpan step = default)
    {
        clock.Advance(step);
        return probe;
    }
}
