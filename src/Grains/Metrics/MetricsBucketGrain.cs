using IncidentActors.Storage;
using Orleans.Concurrency;

namespace IncidentActors.Metrics;

/// <summary>
/// One unit's facts of one day. Reentrant so that the incidents of a busy day report at once: their facts are stored
/// by one grouped write, and each report returns only when stored, so a fact acknowledged to the projection is never
/// lost with the silo.
/// </summary>
[Reentrant]
internal sealed class MetricsBucketGrain : Grain, IMetricsBucketGrain
{
    private readonly IPersistentState<MetricsBucketState> _state;
    private readonly GroupCommit _commit;

    // A write failed after facts were taken in memory: a report of what is held already must store it, not skip it.
    private bool _unstored;

    // Starts at random with each activation, on whichever silo, so that no earlier activation's version is met again.
    private long _version = Random.Shared.NextInt64(0, long.MaxValue / 2);

    private MetricsBucket? _read;

    public MetricsBucketGrain([PersistentState("metricsBucket", StorageNames.Incidents)] IPersistentState<MetricsBucketState> state)
    {
        _state = state;
        _commit = new GroupCommit(WriteAsync);
    }

    private async Task WriteAsync()
    {
        try
        {
            await _state.WriteStateAsync();
            _unstored = false;
        }
        catch
        {
            _unstored = true;
            throw;
        }
    }

    private Task HeldAlready() => _unstored ? _commit.CommitAsync() : Task.CompletedTask;

    public Task Apply(IncidentFact fact, CancellationToken cancellationToken = default)
    {
        var facts = _state.State.Facts;
        if (facts.TryGetValue(fact.IncidentId, out var known) && known.Sequence >= fact.Sequence)
        {
            return HeldAlready();
        }
        // The region it opened in stays its region, wherever later events of it ran.
        facts[fact.IncidentId] = known is null ? fact : fact with { Region = known.Region };
        if (known is not null && known.CountsAs(fact))
        {
            // Most events change no figure; stored lagging, the older sequence lets in only redeliveries of events that
            // counted the same, since any change of figures after it was written.
            return HeldAlready();
        }
        Changed();
        return _commit.CommitAsync();
    }

    public Task RecordReviewFacts(ReviewFacts review, CancellationToken cancellationToken = default)
    {
        var reviews = _state.State.Reviews;
        // Equal times replace: a review reports its changes in order, and several may carry one instant.
        if (reviews.TryGetValue(review.IncidentId, out var known) && known.AsOf > review.AsOf)
        {
            return HeldAlready();
        }
        reviews[review.IncidentId] = review;
        Changed();
        return _commit.CommitAsync();
    }

    public Task<MetricsBucket> Read(long knownVersion, CancellationToken cancellationToken = default) => Task.FromResult(knownVersion == _version
        ? new MetricsBucket([], [], _version, Unchanged: true)
        : _read ??= new MetricsBucket([.. _state.State.Facts.Values], [.. _state.State.Reviews.Values], _version));

    private void Changed()
    {
        _version++;
        _read = null;
    }
}
