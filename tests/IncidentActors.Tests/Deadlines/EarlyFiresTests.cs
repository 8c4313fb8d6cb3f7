using IncidentActors.Deadlines;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace IncidentActors.Tests.Deadlines;

/// <summary>An owner's clock behind its shard's: what the owner does with a fire that is early by its own clock.</summary>
public sealed class EarlyFiresTests
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(1);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void AFireAtOrAfterItsDueTimeGoesOnAtOnce()
    {
        Assert.True(EarlyFires.WaitUntilDueAsync(_clock, _clock.GetUtcNow(), MaxClockSkew, CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(EarlyFires.WaitUntilDueAsync(_clock, _clock.GetUtcNow().AddSeconds(-5), MaxClockSkew, CancellationToken.None).IsCompletedSuccessfully);
    }

    [Fact]
    public async Task AFireEarlyByLessThanTheSkewLimitWaitsUntilTheOwnersClockReachesItsDueTime()
    {
        var due = _clock.GetUtcNow() + MaxClockSkew;

        var waiting = EarlyFires.WaitUntilDueAsync(_clock, due, MaxClockSkew, CancellationToken.None);
        _clock.Advance(MaxClockSkew - TimeSpan.FromMilliseconds(1));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AFireEarlierThanTheSkewLimitIsRefused()
    {
        var due = _clock.GetUtcNow() + MaxClockSkew + TimeSpan.FromMilliseconds(1);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => EarlyFires.WaitUntilDueAsync(_clock, due, MaxClockSkew, CancellationToken.None));
        Assert.Contains("clocks disagree", refused.Message);
    }
}
