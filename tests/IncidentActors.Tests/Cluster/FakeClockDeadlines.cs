using IncidentActors.Deadlines;
using IncidentActors.Incidents;
using Microsoft.Extensions.Time.Testing;

namespace IncidentActors.Tests.Cluster;

/// <summary>Lets durable deadlines fire on a fake clock while a test waits on an incident.</summary>
internal static class FakeClockDeadlines
{
    /// <summary>A probe that lets deadlines due by now fire on the fake clock, then reads the incident.</summary>
    public static Func<Task<IncidentView>> Tick(this FakeTimeProvider clock, IIncidentGrain incident) => () =>
    {
        clock.Advance(TimeSpan.Zero);
        return incident.Get();
    };

    /// <summary>Gives deadlines due by now the chance to fire, so that "nothing happened" is an observation.</summary>
    public static async Task SettleAsync(this FakeTimeProvider clock, IGrainFactory grains, IIncidentGrain incident)
    {
        clock.Advance(TimeSpan.Zero);
        await Task.WhenAll(DeadlineShards.All(grains).Select(s => s.Ping()));
        await Task.Delay(200);
        await incident.Get();
    }
}
