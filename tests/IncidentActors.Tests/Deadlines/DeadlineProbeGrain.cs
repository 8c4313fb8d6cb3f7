using System.Collections.Concurrent;
using IncidentActors.Deadlines;
using Orleans.Runtime;

namespace IncidentActors.Tests.Deadlines;

internal sealed class DeadlineProbeGrain(TimeProvider clock, ILocalSiloDetails silo) : Grain, IDeadlineProbeGrain
{
    /// <summary>Every deadline that reached a probe, across all silos of this test process.</summary>
    public static readonly ConcurrentQueue<FiredDeadline> Fired = new();

    /// <summary>A deadline named "stall" keeps its firing call open until the test releases its owner here.</summary>
    public static readonly ConcurrentDictionary<string, TaskCompletionSource> Stalls = new();

    public Task Arm(string name, DateTimeOffset due) =>
        DeadlineShards.For(GrainFactory, this.GetGrainId()).Arm(new DeadlineEntry(this.GetGrainId(), name, due));

    public Task Disarm(string name) => DeadlineShards.For(GrainFactory, this.GetGrainId()).Disarm(this.GetGrainId(), name);

    /// <summary>A deadline named "again" re-arms itself once, for the same instant, from inside its own firing.</summary>
    public async Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        Fired.Enqueue(new FiredDeadline(this.GetPrimaryKeyString(), name, due, clock.GetUtcNow(), silo.SiloAddress));
        if (name == "stall")
        {
            await Stalls.GetOrAdd(this.GetPrimaryKeyString(), _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
        }
        if (name == "again" && Fired.Count(f => f.Owner == this.GetPrimaryKeyString()) == 1)
        {
            await Arm(name, due);
        }
    }
}

public sealed record FiredDeadline(string Owner, string Name, DateTimeOffset Due, DateTimeOffset FiredAt, SiloAddress Silo);
