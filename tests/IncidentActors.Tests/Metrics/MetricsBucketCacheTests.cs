using IncidentActors.Metrics;
using Xunit;
using static IncidentActors.Tests.Metrics.MetricFacts;

namespace IncidentActors.Tests.Metrics;

public sealed class MetricsBucketCacheTests
{
    private static readonly MetricsBucket Read = new([Fact("a", 0)], [], Version: 41);

    [Fact]
    public void ABucketReadUnchangedIsAnsweredFromWhatWasReadBefore()
    {
        var cache = new MetricsBucketCache();
        cache.Keep("retail/2026-11-02", Read);

        Assert.Equal(41, cache.KnownVersion("retail/2026-11-02"));
        Assert.Same(Read, cache.Keep("retail/2026-11-02", new MetricsBucket([], [], 41, Unchanged: true)));
    }

    [Fact]
    public void AnUnchangedAnswerForAVersionNoLongerHeldAsksForTheWholeBucket()
    {
        var cache = new MetricsBucketCache();
        cache.Keep("retail/2026-11-02", Read);

        Assert.Null(cache.Keep("retail/2026-11-02", new MetricsBucket([], [], 42, Unchanged: true)));
        Assert.Equal(MetricsBucket.NoVersion, cache.KnownVersion("retail/2026-11-03"));
    }
}
