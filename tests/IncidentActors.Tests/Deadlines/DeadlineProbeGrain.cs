using System.Collections.Concurrent;
using IncidentActors.Deadlines;
using Orleans.Runtime;

namespace IncidentActors.Tests.Deadlines;

internal sealed class DeadlineProbeGrain(TimeProvider clock, ILocalSiloDetails silo) : Grain, IDeadlineProbeGrain
{
    /// <summary>Every deadline that reached a probe, across all silos of this test process.</summary>
    public static readonly ConcurrentQueue<FiredDeadline> Fired = new();

    public Task Arm(string name, DateTimeOffset due) =>
        DeadlineShards.For(GrainFactory, this.GetGrainId()).Arm(new DeadlineEntry(this.GetGrainId(), name, due));

    public Task Disarm(string name) => DeadlineShards.For(GrainFactory, this.GetGrainId()).Disarm(this.GetGrainId(), name);

    public Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        Fired.Enqueue(new FiredDeadline(this.GetPrimaryKeyString(), name, due, clock.GetUtcNow(), silo.SiloAddress));
        return Task.CompletedTask;
    }
}

public sealed record FiredDeadline(string Owner, string Name, DateTimeOffset Due, DateTimeOffset FiredAt, SiloAddress Silo);
