using System.Diagnostics;
using IncidentActors.Testing;

namespace IncidentActors.Benchmarks;

internal static class DeadlineBenchmarks
{
    /// <summary>Arms deadlines due over a 10 s window after arming ends, and measures how late each fires.</summary>
    public static async Task<int> LatenessAsync(int count)
    {
        await using var azurite = await OwnedAzurite.StartAsync();
        await using var cluster = await BenchCluster.StartAsync(azurite.Fixture, silos: 2);
        var lead = TimeSpan.FromSeconds(20 + count / 500);
        var spread = TimeSpan.FromSeconds(10);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var firstDue = DateTimeOffset.UtcNow + lead;
        var armed = Stopwatch.StartNew();
        FireLog.Clear();
        await ArmAsync(cluster.Client, count, i => firstDue + spread * i / count);
        armed.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"armed {count} deadlines in {armed.Elapsed.TotalSeconds:F1} s ({count / armed.Elapsed.TotalSeconds:F0}/s); " +
            $"first due {(firstDue - DateTimeOffset.UtcNow).TotalSeconds:F1} s after arming ended");
        Console.WriteLine($"managed memory per armed deadline (whole process, all silos): {(after - before) / (double)count:F0} bytes");

        await WaitForFiresAsync(count, firstDue + spread + TimeSpan.FromSeconds(60));
        return Report(count, killedAt: null);
    }

    /// <summary>
    /// Arms deadlines on two silo processes, kills one with SIGKILL a second before they fall due,
    /// and measures how late they fire from the survivor and how long after the kill.
    /// </summary>
    public static async Task<int> FailoverAsync(int count)
    {
        await using var azurite = await OwnedAzurite.StartAsync();
        await using var collector = await FireCollector.StartAsync();
        var serviceId = AzuriteFixture.UniqueName("failover");
        using var silos = ChildSiloPair.Start(azurite.Fixture, serviceId, collector.Url);
        await using var client = await BenchClient.ConnectAsync(azurite.Fixture, serviceId, expectedSilos: 2);
        var due = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15 + count / 500);
        FireLog.Clear();
        await ArmAsync(client.Grains, count, _ => due);
        // Kill just before they fall due: the dead silo's shards then owe every one of their deadlines.
        var killAt = due - TimeSpan.FromSeconds(1);
        if (killAt > DateTimeOffset.UtcNow)
        {
            await Task.Delay(killAt - DateTimeOffset.UtcNow);
        }
        var killedAt = silos.KillVictim();
        Console.WriteLine($"SIGKILLed silo process {silos.VictimProcessId} {(due - killedAt).TotalSeconds:F1} s before the deadlines fell due; " +
            $"membership: {FailureDetection.Description}");

        await WaitForFiresAsync(count, due + TimeSpan.FromSeconds(120));
        return Report(count, killedAt);
    }

    private static Task ArmAsync(IGrainFactory grains, int count, Func<int, DateTimeOffset> due) =>
        Concurrently.ForEachAsync(count, concurrency: 256, i => grains.GetGrain<IBenchDeadlineOwner>($"owner-{i}").Arm(due(i)));

    private static async Task WaitForFiresAsync(int count, DateTimeOffset giveUpAt)
    {
        while (FireLog.Owners < count && DateTimeOffset.UtcNow < giveUpAt)
        {
            await Task.Delay(250);
        }
        // Duplicates, if any, arrive after the first fire: give them a moment to show.
        await Task.Delay(TimeSpan.FromSeconds(3));
    }

    private static int Report(int count, DateTimeOffset? killedAt)
    {
        var fires = FireLog.All();
        var first = fires.GroupBy(f => f.Owner).Select(g => g.MinBy(f => f.FiredAt)).ToList();
        var lateness = first.Select(f => (f.FiredAt - f.Due).TotalMilliseconds).ToList();
        var early = first.Count(f => f.FiredAt < f.Due);
        var duplicates = fires.Count - first.Count;
        var missing = count - first.Count;
        Console.WriteLine($"lateness ms: {Stats.Describe(lateness)}");
        if (killedAt is { } kill)
        {
            Console.WriteLine($"ms from kill to fire: {Stats.Describe(first.Select(f => (f.FiredAt - kill).TotalMilliseconds))}");
        }
        Console.WriteLine($"fired {first.Count}/{count}; early {early}; missing {missing}; duplicates {duplicates}");
        return early == 0 && missing == 0 ? 0 : 1;
    }
}
