using IncidentActors.Services;
using Orleans.Concurrency;

namespace IncidentActors.Incidents.Events;

/// <summary>
/// Walks a service's incidents from its stored count, not from any projection, so a lost or new projection is rebuilt
/// whole. A worker rather than the service itself: intake for the service goes on meanwhile.
/// </summary>
[StatelessWorker]
internal sealed class IncidentReplayGrain : Grain, IIncidentReplayGrain
{
    private const int Concurrency = 8;

    public async Task<long> ReplayService(CancellationToken cancellationToken = default)
    {
        var serviceId = this.GetPrimaryKeyString();
        var opened = await GrainFactory.GetGrain<IServiceGrain>(serviceId).IncidentsOpened(cancellationToken);
        await Parallel.ForAsync(1L, opened + 1, new ParallelOptions
            {
                MaxDegreeOfParallelism = Concurrency,
                CancellationToken = cancellationToken,
                TaskScheduler = TaskScheduler.Current, // the activation's own, for grain calls
            },
            (number, token) => new ValueTask(GrainFactory.GetGrain<IIncidentGrain>($"{serviceId}-{number}").Replay(token)));
        return opened;
    }
}
