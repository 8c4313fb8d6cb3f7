using IncidentActors.Deadlines;
using Xunit;

namespace IncidentActors.Tests.Deadlines;

public sealed class DeadlineQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TakesWhatIsDueEarliestFirstAndLeavesTheRest()
    {
        var queue = new DeadlineQueue();
        queue.Schedule("c", T0.AddSeconds(3));
        queue.Schedule("a", T0.AddSeconds(1));
        queue.Schedule("b", T0.AddSeconds(2));

        Assert.Equal(["a", "b"], queue.TakeDue(T0.AddSeconds(2)));
        Assert.Equal(T0.AddSeconds(3), queue.Earliest);
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void SchedulingAgainMovesAKeyAndRemovingForgetsIt()
    {
        var queue = new DeadlineQueue();
        queue.Schedule("a", T0.AddSeconds(1));
        queue.Schedule("b", T0.AddSeconds(2));
        queue.Schedule("a", T0.AddSeconds(5));
        queue.Remove("b");

        Assert.Empty(queue.TakeDue(T0.AddSeconds(4)));
        Assert.Equal(["a"], queue.TakeDue(T0.AddSeconds(5)));
        Assert.Null(queue.Earliest);
    }

    [Fact]
    public void KeysDueAtTheSameInstantAreAllTaken()
    {
        var queue = new DeadlineQueue();
        foreach (var key in new[] { "x", "y", "z" })
        {
            queue.Schedule(key, T0);
        }

        Assert.Equal(3, queue.TakeDue(T0).Count);
    }

    [Fact]
    public void TakingIsBoundedAndLeavesTheLaterOnesQueued()
    {
        var queue = new DeadlineQueue();
        for (var i = 0; i < 5; i++)
        {
            queue.Schedule($"k{i}", T0.AddSeconds(i));
        }

        Assert.Equal(["k0", "k1"], queue.TakeDue(T0.AddSeconds(10), limit: 2));
        Assert.Equal(T0.AddSeconds(2), queue.Earliest);
    }
}
