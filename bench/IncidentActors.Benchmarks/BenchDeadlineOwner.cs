using IncidentActors.Deadlines;

namespace IncidentActors.Benchmarks;

/// <summary>Arms one deadline through the production shards and records when it reaches it.</summary>
internal sealed class BenchDeadlineOwner(TimeProvider clock, IServiceProvider services) : Grain, IBenchDeadlineOwner
{
    public Task Arm(DateTimeOffset due) =>
        DeadlineShards.For(GrainFactory, this.GetGrainId()).Arm(new DeadlineEntry(this.GetGrainId(), "bench", due));

    public Task OnDeadline(string name, DateTimeOffset due, CancellationToken cancellationToken = default)
    {
        var firedAt = clock.GetUtcNow();
        if (services.GetService(typeof(FireReporter)) is FireReporter reporter)
        {
            return reporter.ReportAsync(this.GetPrimaryKeyString(), due, firedAt);
        }
        FireLog.Record(this.GetPrimaryKeyString(), due, firedAt);
        return Task.CompletedTask;
    }
}
