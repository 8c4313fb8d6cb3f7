using System.Collections.Immutable;
using System.Diagnostics;
using IncidentActors.Alerts;
using IncidentActors.Deadlines;
using IncidentActors.Escalation;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Services;
using IncidentActors.Testing;

namespace IncidentActors.Benchmarks;

/// <summary>
/// Real escalations end to end: alerts open incidents through service grains, each incident pages
/// its policy's level 1 and arms level 2; nobody acknowledges, and the report says how late each
/// level 2 was paged against its deadline (level-1 page time plus the acknowledgement window).
/// </summary>
internal static class EscalationBenchmarks
{
    // Spread over many policies, responders and business units, as a real estate is: one responder
    // or one business-unit index taking every page would measure that hot spot, not the deadlines.
    private const int Teams = 1024;
    private const int BusinessUnits = 256;
    private const int Concurrency = 256;

    // A responder keeps its latest 500 pages; each here gets about count / Teams.
    private const int NotificationsRead = 500;

    private const int ProgressEvery = 10_000;

    // A read waits behind the pages its responder is still storing: at 100 000 on Azurite that backlog outlasted five
    // calls of 30 s and ended the run before its report; a late answer still gives each page's own time.
    private static readonly TimeSpan ReadPatience = TimeSpan.FromMinutes(20);

    /// <param name="openingsPerSecond">
    /// When given, alerts are sent at this steady rate instead of as fast as 256 callers get answers. Level 2 falls due at the
    /// rate incidents opened, so an unpaced run makes its escalations as dense as storage could open incidents while it was
    /// still empty, and then asks storage to escalate at that rate once it is full.
    /// </param>
    public static async Task<int> RunAsync(int count, TimeSpan? window, double? openingsPerSecond)
    {
        // Long enough that every incident is open before the first level 2 falls due, so that
        // opening and escalating are measured apart.
        var acknowledgeWithin = window ?? TimeSpan.FromSeconds(30 + count / 200);
        await using var azurite = await OwnedAzurite.StartAsync();
        await using var cluster = await BenchCluster.StartAsync(azurite.Fixture, silos: 2);
        var grains = cluster.Client;
        await DefineTeamsAsync(grains, acknowledgeWithin);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var opening = Stopwatch.StartNew();
        var incidentIds = await OpenAsync(grains, count, openingsPerSecond);
        count = incidentIds.Length;
        opening.Stop();
        var lastDue = DateTimeOffset.UtcNow + acknowledgeWithin;
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"opened {count} incidents, each paging level 1 and arming level 2 {acknowledgeWithin.TotalSeconds:F0} s later, " +
            $"in {opening.Elapsed.TotalSeconds:F1} s ({count / opening.Elapsed.TotalSeconds:F0}/s{(openingsPerSecond is { } pace ? $", sent at {pace:F0}/s" : "")})");
        Console.WriteLine($"managed memory per armed incident (whole process, all silos: incident, service, index, responder and shard state): " +
            $"{(after - before) / (double)count:F0} bytes");

        return Report(await WaitForLevel2Async(grains, incidentIds, lastDue, acknowledgeWithin, giveUpAt: lastDue + TimeSpan.FromSeconds(120)));
    }

    /// <summary>
    /// Escalations armed on two silo processes, one of them SIGKILLed a second before the first level 2
    /// falls due: how late each level 2 was paged, split by whether its incident or its deadline shard
    /// lived on the killed silo, and lost and duplicate pages.
    /// </summary>
    public static async Task<int> FailoverAsync(int count)
    {
        // Every incident opens before the first level 2 falls due, so that the kill finds them all armed.
        var acknowledgeWithin = TimeSpan.FromSeconds(30 + count / 100);
        await using var azurite = await OwnedAzurite.StartAsync();
        var serviceId = AzuriteFixture.UniqueName("escalationfailover");
        using var silos = ChildSiloPair.Start(azurite.Fixture, serviceId);
        await using var client = await BenchClient.ConnectAsync(azurite.Fixture, serviceId, expectedSilos: 2);
        var grains = client.Grains;
        await DefineTeamsAsync(grains, acknowledgeWithin);
        var openingStarted = DateTimeOffset.UtcNow;
        var incidentIds = await OpenAsync(grains, count, openingsPerSecond: null);
        var lastDue = DateTimeOffset.UtcNow + acknowledgeWithin;
        var killAt = openingStarted + acknowledgeWithin - TimeSpan.FromSeconds(1);
        Console.WriteLine($"opened {incidentIds.Length} incidents in {(DateTimeOffset.UtcNow - openingStarted).TotalSeconds:F1} s, " +
            $"each arming level 2 {acknowledgeWithin.TotalSeconds:F0} s after paging level 1");
        var onVictim = await ActivationsOnAsync(grains, silos.VictimPort);
        if (DateTimeOffset.UtcNow >= killAt)
        {
            Console.WriteLine("opening outlasted the acknowledgement window: escalations fell due before the kill");
            return 1;
        }
        await Task.Delay(killAt - DateTimeOffset.UtcNow);
        var killedAt = silos.KillVictim();
        Console.WriteLine($"SIGKILLed silo process {silos.VictimProcessId}, which hosted {onVictim.Count} activations, 1 s before the first level 2 fell due; " +
            $"membership: {FailureDetection.Description}");

        var escalations = await WaitForLevel2Async(grains, incidentIds, lastDue, acknowledgeWithin, giveUpAt: lastDue + TimeSpan.FromSeconds(120));
        var byKilledSilo = escalations.ToLookup(e => onVictim.Contains(IncidentGrainId(grains, e.IncidentId)) || onVictim.Contains(ShardOf(grains, e.IncidentId)));
        Console.WriteLine($"level-2 lateness ms where the incident or its deadline shard was on the killed silo: {Stats.Describe(Lateness(byKilledSilo[true]))}");
        Console.WriteLine($"level-2 lateness ms of the rest: {Stats.Describe(Lateness(byKilledSilo[false]))}");
        Console.WriteLine($"ms from the kill to level 2 of those due in the first 5 s after it: " +
            Stats.Describe(escalations.Where(e => e.Due < killedAt + TimeSpan.FromSeconds(5) && e.Level2PagedAt is not null)
                .Select(e => (e.Level2PagedAt!.Value - killedAt).TotalMilliseconds)));
        return Report(escalations);
    }

    /// <summary>Opens an incident per alert, spread over the teams; alerts whose call timed out are left out.</summary>
    private static async Task<string[]> OpenAsync(IGrainFactory grains, int count, double? openingsPerSecond)
    {
        var opening = Stopwatch.StartNew();
        var incidentIds = new string[count];
        var timedOut = 0;
        var answered = 0;
        Func<int, Task> open = async i =>
        {
            try
            {
                var opened = await grains.GetGrain<IServiceGrain>(ServiceId(i % Teams)).Ingest(new AlertEvent(ServiceId(i % Teams), AlertAction.Trigger,
                    $"alert-{i}", "Synthetic failure", "bench", AlertSeverity.Critical, null, ImmutableSortedDictionary<string, string>.Empty, "bench"));
                incidentIds[i] = opened.IncidentId!;
                // Long runs show where opening slows down as storage fills.
                if (Interlocked.Increment(ref answered) is var done && done % ProgressEvery == 0)
                {
                    Console.WriteLine($"{done} opened after {opening.Elapsed.TotalSeconds:F0} s");
                }
            }
            catch (TimeoutException)
            {
                Console.WriteLine($"alert {i} to {ServiceId(i % Teams)} timed out at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
                Interlocked.Increment(ref timedOut);
            }
        };
        await (openingsPerSecond is { } perSecond ? Concurrently.PacedAsync(count, perSecond, open) : ForEachAsync(count, open));
        if (timedOut == 0)
        {
            return incidentIds;
        }
        Console.WriteLine($"{timedOut} alerts timed out while opening; they are left out");
        return [.. incidentIds.Where(id => id is not null)];
    }

    /// <summary>Every grain activation the silo listening on <paramref name="siloPort"/> hosts now.</summary>
    private static async Task<HashSet<GrainId>> ActivationsOnAsync(IGrainFactory grains, int siloPort)
    {
        var management = grains.GetGrain<IManagementGrain>(0);
        var silo = (await management.GetHosts(onlyActive: true)).Keys.Single(s => s.Endpoint.Port == siloPort);
        var activations = await management.GetDetailedGrainStatistics(hostsIds: [silo]);
        return [.. activations.Select(a => a.GrainId)];
    }

    private static GrainId IncidentGrainId(IGrainFactory grains, string incidentId) => grains.GetGrain<IIncidentGrain>(incidentId).GetGrainId();

    private static GrainId ShardOf(IGrainFactory grains, string incidentId) => DeadlineShards.For(grains, IncidentGrainId(grains, incidentId)).GetGrainId();

    private static async Task DefineTeamsAsync(IGrainFactory grains, TimeSpan acknowledgeWithin)
    {
        await ForEachAsync(Teams, async t =>
        {
            await grains.GetGrain<IResponderGrain>(FirstResponder(t)).Define(new ResponderDefinition(FirstResponder(t), "First", "UTC", []));
            await grains.GetGrain<IResponderGrain>(SecondResponder(t)).Define(new ResponderDefinition(SecondResponder(t), "Second", "UTC", []));
            await grains.GetGrain<IEscalationPolicyGrain>(PolicyId(t)).Define(new EscalationPolicyDefinition(PolicyId(t), "Bench", [
                new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, FirstResponder(t))], acknowledgeWithin),
                new EscalationLevel([new EscalationTarget(EscalationTargetKind.Responder, SecondResponder(t))], TimeSpan.FromHours(1)),
            ], Repeats: 0, HandoverAcknowledgeWithin: TimeSpan.FromMinutes(15)));
            await grains.GetGrain<IServiceGrain>(ServiceId(t)).Register(
                new ServiceDefinition(ServiceId(t), "Bench service", "team-" + t, "bu-" + t % BusinessUnits, PolicyId(t)));
        });
    }

    /// <summary>
    /// Waits until every incident's level 2 has been paged or <paramref name="giveUpAt"/> passes, and returns each incident's
    /// escalation as the responders logged it. Nothing is read before the last level 2 falls due, so that reading does not
    /// add to the load it measures.
    /// </summary>
    private static async Task<Escalation[]> WaitForLevel2Async(IGrainFactory grains, string[] incidentIds, DateTimeOffset lastDue,
        TimeSpan acknowledgeWithin, DateTimeOffset giveUpAt)
    {
        if (lastDue > DateTimeOffset.UtcNow)
        {
            await Task.Delay(lastDue - DateTimeOffset.UtcNow);
        }
        // While waiting, only the level-2 logs are polled; level 1's are read once, at the end.
        var level2 = await ReadLogsAsync(grains, SecondResponder);
        while (DateTimeOffset.UtcNow < giveUpAt && incidentIds.Any(id => !level2.Contains(id)))
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            level2 = await ReadLogsAsync(grains, SecondResponder);
        }
        // Stragglers and any second page of a step get a moment to show.
        await Task.Delay(TimeSpan.FromSeconds(5));
        level2 = await ReadLogsAsync(grains, SecondResponder);
        var level1 = await ReadLogsAsync(grains, FirstResponder);
        return [.. incidentIds.Select(id => new Escalation(id,
            level1[id].FirstOrDefault()?.PagedAt + acknowledgeWithin,
            level2[id].Select(p => (DateTimeOffset?)p.PagedAt).Min(),
            level2[id].Count()))];
    }

    /// <summary>Every team's pages to one of its responders, by incident, from the responders' own notification logs.</summary>
    private static async Task<ILookup<string, Page>> ReadLogsAsync(IGrainFactory grains, Func<int, string> responder)
    {
        var logs = new ImmutableArray<NotificationRecord>[Teams];
        await ForEachAsync(Teams, async t =>
            logs[t] = await AskAsync(responder(t), () => grains.GetGrain<IResponderGrain>(responder(t)).Notifications(NotificationsRead)));
        return logs.SelectMany(log => log).ToLookup(n => n.Page.IncidentId, n => n.Page);
    }

    /// <summary>
    /// Asks again when a call times out or fails: with storage saturated a grain can be busy storing for longer than a
    /// call's timeout, and a slow answer is not a missing one.
    /// </summary>
    private static async Task<T> AskAsync<T>(string grain, Func<Task<T>> call)
    {
        var giveUpAt = DateTimeOffset.UtcNow + ReadPatience;
        while (true)
        {
            try
            {
                return await call();
            }
            // A call can also expire waiting for its grain to be placed, which Orleans reports as a cancellation.
            catch (Exception e) when (e is TimeoutException or OperationCanceledException && DateTimeOffset.UtcNow < giveUpAt)
            {
                Console.WriteLine($"asking {grain} timed out at {DateTimeOffset.UtcNow:HH:mm:ss.fff} ({e.GetType().Name}); asking again");
            }
            // Just after a silo is killed, calls through its gateway or to its activations fail until the client and the cluster notice.
            catch (OrleansException e) when (DateTimeOffset.UtcNow < giveUpAt)
            {
                Console.WriteLine($"asking {grain} failed at {DateTimeOffset.UtcNow:HH:mm:ss.fff} ({e.GetType().Name}); asking again in a second");
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    private static int Report(Escalation[] escalations)
    {
        var lateness = Lateness(escalations);
        var early = lateness.Count(ms => ms < 0);
        var missing = escalations.Length - lateness.Count;
        // Counted where a person would see them: in the responders' logs, one key per step and person.
        var duplicates = escalations.Sum(e => Math.Max(0, e.Level2Pages - 1));
        Console.WriteLine($"level-2 lateness ms (escalation deadline to the level-2 page): {Stats.Describe(lateness)}");
        Console.WriteLine($"escalated {lateness.Count}/{escalations.Length}; early {early}; missing {missing}; " +
            $"level-2 pages in responder logs {escalations.Sum(e => e.Level2Pages)}; duplicate pages {duplicates}");
        return early == 0 && missing == 0 && duplicates == 0 ? 0 : 1;
    }

    /// <summary>How late each escalated incident paged level 2; incidents that did not escalate are left out.</summary>
    private static List<double> Lateness(IEnumerable<Escalation> escalations) =>
        [.. escalations.Where(e => e.Due is not null && e.Level2PagedAt is not null)
            .Select(e => (e.Level2PagedAt!.Value - e.Due!.Value).TotalMilliseconds)];

    /// <summary>An incident's level-2 deadline (level 1's page time plus the acknowledgement window), when level 2 was first paged, and how often.</summary>
    private sealed record Escalation(string IncidentId, DateTimeOffset? Due, DateTimeOffset? Level2PagedAt, int Level2Pages);

    private static Task ForEachAsync(int count, Func<int, Task> body) => Concurrently.ForEachAsync(count, Concurrency, body);

    private static string ServiceId(int team) => $"svc-{team}";

    private static string PolicyId(int team) => $"policy-{team}";

    private static string FirstResponder(int team) => $"first-{team}";

    private static string SecondResponder(int team) => $"second-{team}";
}
