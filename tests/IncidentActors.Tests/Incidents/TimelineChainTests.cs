using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents;

public sealed class TimelineChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static List<TimelineEntry> ThreeEntries()
    {
        var timeline = new List<TimelineEntry>();
        timeline.Add(TimelineChain.Next(timeline, Start, "integration:grpc", TimelineEntryKind.Opened, "Opened"));
        timeline.Add(TimelineChain.Next(timeline, Start.AddMinutes(2), "alice", TimelineEntryKind.Acknowledged, "Acknowledged"));
        timeline.Add(TimelineChain.Next(timeline, Start.AddMinutes(9), "bob", TimelineEntryKind.Resolved, "Resolved"));
        return timeline;
    }

    [Fact]
    public void EntriesAreNumberedAndLinkedToTheirPredecessor()
    {
        var timeline = ThreeEntries();

        Assert.Equal([1L, 2L, 3L], timeline.Select(e => e.Sequence));
        Assert.Equal(TimelineChain.GenesisHash, timeline[0].PreviousHash);
        Assert.Equal(timeline[1].Hash, timeline[2].PreviousHash);
        Assert.Null(TimelineChain.FirstBrokenEntry(timeline));
    }

    [Fact]
    public void EditedEntryIsDetected()
    {
        var timeline = ThreeEntries();
        timeline[1] = timeline[1] with { Actor = "mallory" };

        Assert.Equal(2L, TimelineChain.FirstBrokenEntry(timeline));
    }

    [Fact]
    public void RemovedEntryIsDetected()
    {
        var timeline = ThreeEntries();
        timeline.RemoveAt(1);

        Assert.Equal(2L, TimelineChain.FirstBrokenEntry(timeline));
    }

    [Fact]
    public void RehashedEditIsDetectedByItsSuccessor()
    {
        var timeline = ThreeEntries();
        var forged = TimelineChain.Next(timeline.Take(1).ToList(), Start.AddMinutes(2), "mallory", TimelineEntryKind.Acknowledged, "Acknowledged");
        timeline[1] = forged;

        Assert.Equal(3L, TimelineChain.FirstBrokenEntry(timeline));
    }
}
