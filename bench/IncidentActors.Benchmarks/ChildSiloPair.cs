using System.Diagnostics;
using IncidentActors.Testing;

namespace IncidentActors.Benchmarks;

/// <summary>
/// Two child silo processes of one cluster for the failover runs: one to survive, one to be SIGKILLed.
/// Disposing kills whichever still runs, so that no silo outlives its benchmark.
/// </summary>
internal sealed class ChildSiloPair : IDisposable
{
    private readonly Process _survivor;
    private readonly Process _victim;

    private ChildSiloPair(Process survivor, Process victim, int victimPort)
    {
        _survivor = survivor;
        _victim = victim;
        VictimPort = victimPort;
    }

    /// <summary>The silo-to-silo port of the process to be killed, which names it in the cluster's membership.</summary>
    public int VictimPort { get; }

    public int VictimProcessId => _victim.Id;

    public static ChildSiloPair Start(AzuriteFixture azurite, string serviceId, string? collectorUrl = null)
    {
        var victimPort = AzuriteFixture.FreeLoopbackPort();
        return new ChildSiloPair(
            ChildSilo.Start(azurite, serviceId, AzuriteFixture.FreeLoopbackPort(), collectorUrl),
            ChildSilo.Start(azurite, serviceId, victimPort, collectorUrl),
            victimPort);
    }

    /// <summary>SIGKILLs the victim's whole process tree and says when.</summary>
    public DateTimeOffset KillVictim()
    {
        var killedAt = DateTimeOffset.UtcNow;
        _victim.Kill(entireProcessTree: true);
        return killedAt;
    }

    public void Dispose()
    {
        foreach (var silo in new[] { _survivor, _victim })
        {
            if (!silo.HasExited)
            {
                silo.Kill(entireProcessTree: true);
            }
            silo.Dispose();
        }
    }
}
