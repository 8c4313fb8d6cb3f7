using IncidentActors.Incidents;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Orleans.TestingHost;
using Xunit;

namespace IncidentActors.Tests.Incidents;

/// <summary>Timelines changed in storage, as whoever holds the storage account could change them, fail verification.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class StoredTimelineTamperingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string StateName = "incident";

    private InProcessTestCluster _cluster = null!;

    private IGrainFactory Grains => _cluster.Client;

    public async Task InitializeAsync() => _cluster = await TestClusters.StartAsync(azurite, TestClusters.NewServiceId(), silos: 1);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task EveryKindOfTamperingWithAStoredTimelineIsDetected()
    {
        var untouched = await WorkedIncidentAsync();
        var donor = await StoredStates.ReadAsync<IncidentState>(_cluster, StateName, (await WorkedIncidentAsync()).GetGrainId());
        var tamperings = new (string What, Action<string, IncidentState> Tamper, TimelineFault Expected)[]
        {
            ("edit a message", (_, s) => s.Timeline[1] = s.Timeline[1] with { Message = "Acknowledged within the SLA" }, TimelineFault.Edited),
            ("edit an actor", (_, s) => s.Timeline[^1] = s.Timeline[^1] with { Actor = "mallory" }, TimelineFault.Edited),
            ("swap two entries", (_, s) => (s.Timeline[1], s.Timeline[2]) = (s.Timeline[2], s.Timeline[1]), TimelineFault.Reordered),
            ("remove a middle entry", (_, s) => s.Timeline.RemoveAt(1), TimelineFault.Removed),
            ("drop the last entry", (_, s) => s.Timeline.RemoveAt(s.Timeline.Count - 1), TimelineFault.Truncated),
            ("rewrite every hash without the key", RewriteAcknowledgement, TimelineFault.Rewritten),
            ("move another incident's chain and head here", (_, s) =>
            {
                s.Timeline = [.. donor.Timeline];
                s.TimelineHead = donor.TimelineHead;
            }, TimelineFault.Foreign),
        };
        var tampered = new List<(string What, IIncidentGrain Incident, TimelineFault Expected)>();
        foreach (var (what, tamper, fault) in tamperings)
        {
            var incident = await WorkedIncidentAsync();
            await StoredStates.ChangeAsync<IncidentState>(_cluster, StateName, incident.GetGrainId(), s => tamper(incident.GetPrimaryKeyString(), s));
            tampered.Add((what, incident, fault));
        }

        // First while each incident still holds its timeline as it wrote it, then as read again by new activations.
        var whileActive = await FaultsAsync(tampered);
        await Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var afterReactivation = await FaultsAsync(tampered);

        var expected = tampered.Select(t => (t.What, t.Expected)).ToList();
        Assert.Equal(expected, whileActive);
        Assert.Equal(expected, afterReactivation);
        Assert.True((await untouched.VerifyTimeline()).Intact);
    }

    private async Task<IIncidentGrain> WorkedIncidentAsync()
    {
        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, "retail");
        await incident.Acknowledge(new ResponderAction("alice", "looking"));
        await incident.Resolve(new ResponderAction("bob", "rolled back"));
        return incident;
    }

    /// <summary>Every hash recomputed over a kinder acknowledgement, as anyone can; only the head cannot be signed again.</summary>
    private static void RewriteAcknowledgement(string incidentId, IncidentState state)
    {
        var rewritten = new List<TimelineEntry>();
        foreach (var e in state.Timeline)
        {
            var message = e.Kind == TimelineEntryKind.Acknowledged ? "Acknowledged within the SLA" : e.Message;
            TimelineChain.Append(rewritten, TimelineOwner.Incident(incidentId), e.At, e.Actor, e.Kind, message);
        }
        state.Timeline = rewritten;
    }

    private static async Task<List<(string What, TimelineFault Fault)>> FaultsAsync(List<(string What, IIncidentGrain Incident, TimelineFault Expected)> tampered)
    {
        var faults = new List<(string, TimelineFault)>();
        foreach (var (what, incident, _) in tampered)
        {
            faults.Add((what, (await incident.VerifyTimeline()).Fault));
        }
        return faults;
    }
}
