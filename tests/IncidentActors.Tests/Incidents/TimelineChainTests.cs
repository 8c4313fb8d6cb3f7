using IncidentActors.Incidents;
using Xunit;

namespace IncidentActors.Tests.Incidents;

public sealed class TimelineChainTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimelineOwner Incident = TimelineOwner.Incident("checkout-1");

    private static List<TimelineEntry> FourEntries(TimelineOwner? owner = null, string resolution = "Resolved")
    {
        var timeline = new List<TimelineEntry>();
        TimelineChain.Append(timeline, owner ?? Incident, Start, "integration:grpc", TimelineEntryKind.Opened, "Opened");
        TimelineChain.Append(timeline, owner ?? Incident, Start.AddMinutes(2), "alice", TimelineEntryKind.Acknowledged, "Acknowledged");
        TimelineChain.Append(timeline, owner ?? Incident, Start.AddMinutes(5), "alice", TimelineEntryKind.RoleAssigned, "alice is commander");
        TimelineChain.Append(timeline, owner ?? Incident, Start.AddMinutes(9), "bob", TimelineEntryKind.Resolved, resolution);
        return timeline;
    }

    private static SignedTimelineHead Head(List<TimelineEntry> timeline, TimelineOwner? owner = null) =>
        TimelineChain.SignHead(owner ?? Incident, timeline, TimelineKeys.Silo);

    private static TimelineVerification Verify(List<TimelineEntry> timeline, SignedTimelineHead? head, TimelineOwner? owner = null) =>
        TimelineChain.Verify(owner ?? Incident, timeline, head, TimelineKeys.Silo);

    [Fact]
    public void EntriesAreNumberedAndLinkedFromTheStartOfTheirIncidentsChain()
    {
        var timeline = FourEntries();

        Assert.Equal([1L, 2L, 3L, 4L], timeline.Select(e => e.Sequence));
        Assert.Equal(TimelineChain.Genesis(Incident), timeline[0].PreviousHash);
        Assert.NotEqual(TimelineChain.Genesis(TimelineOwner.Incident("checkout-2")), timeline[0].PreviousHash);
        Assert.NotEqual(TimelineChain.Genesis(TimelineOwner.EnterpriseEvent("checkout-1")), timeline[0].PreviousHash);
        Assert.Equal(timeline[1].Hash, timeline[2].PreviousHash);
    }

    /// <summary>
    /// Pins the stored format, the values computed apart from this code by its description: SHA-256 over length-prefixed
    /// fields, the kind by number, so renaming a member keeps these hashes.
    /// </summary>
    [Fact]
    public void HashesOfStoredChainsDoNotChange()
    {
        var timeline = FourEntries();

        Assert.Equal("72158c4168f3c99348a571286c77c1dba5a567d400bac248112ab68d9b3c2d96", timeline[0].PreviousHash);
        Assert.Equal("698bc2a831c17e7fe2905d1192a0059ffd8740b6f7f0065543fd90b8f80fa4b1", timeline[^1].Hash);
    }

    [Fact]
    public void IntactTimelineVerifiesUpToItsSignedHead()
    {
        var timeline = FourEntries();

        var verification = Verify(timeline, Head(timeline));

        Assert.True(verification.Intact);
        Assert.Equal(4, verification.Entries);
        Assert.Null(verification.FirstBrokenSequence);
        Assert.Equal(timeline[^1].Hash, verification.HeadHash);
    }

    [Fact]
    public void EditedMessageIsDetected()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        timeline[1] = timeline[1] with { Message = "Acknowledged an hour earlier" };

        AssertBroken(TimelineFault.Edited, 2, Verify(timeline, head));
    }

    [Fact]
    public void EditedActorIsDetected()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        timeline[3] = timeline[3] with { Actor = "mallory" };

        AssertBroken(TimelineFault.Edited, 4, Verify(timeline, head));
    }

    [Fact]
    public void ReorderedEntriesAreDetected()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        (timeline[1], timeline[2]) = (timeline[2], timeline[1]);

        AssertBroken(TimelineFault.Reordered, 2, Verify(timeline, head));
    }

    [Fact]
    public void RemovedMiddleEntryIsDetected()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        timeline.RemoveAt(1);

        AssertBroken(TimelineFault.Removed, 2, Verify(timeline, head));
    }

    [Fact]
    public void RehashedEditIsDetectedByItsSuccessor()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        var forged = timeline.Take(1).ToList();
        TimelineChain.Append(forged, Incident, Start.AddMinutes(2), "mallory", TimelineEntryKind.Acknowledged, "Acknowledged");
        timeline[1] = forged[1];

        AssertBroken(TimelineFault.Unlinked, 3, Verify(timeline, head));
    }

    [Fact]
    public void TruncatedTailIsDetectedByTheSignedHead()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        timeline.RemoveRange(2, 2);

        AssertBroken(TimelineFault.Truncated, 3, Verify(timeline, head));
    }

    [Fact]
    public void EntriesAppendedAfterTheSignedHeadAreDetected()
    {
        var timeline = FourEntries();
        var head = Head(timeline);
        TimelineChain.Append(timeline, Incident, Start.AddMinutes(10), "mallory", TimelineEntryKind.StateChanged, "Reopened");

        AssertBroken(TimelineFault.Appended, 5, Verify(timeline, head));
    }

    [Fact]
    public void ChainRewrittenWithRecomputedHashesIsDetectedWithoutTheKey()
    {
        var head = Head(FourEntries());
        var rewritten = FourEntries(resolution: "Resolved by the vendor");

        AssertBroken(TimelineFault.Rewritten, 1, Verify(rewritten, head));
    }

    [Fact]
    public void HeadSignedWithAnotherKeyIsDetected()
    {
        var rewritten = FourEntries(resolution: "Resolved by the vendor");
        var forgedHead = TimelineChain.SignHead(Incident, rewritten, TimelineKeys.Attacker);

        AssertBroken(TimelineFault.Rewritten, 1, Verify(rewritten, forgedHead));
    }

    [Fact]
    public void ChainMovedFromAnotherIncidentIsDetected()
    {
        var other = TimelineOwner.Incident("checkout-2");
        var moved = FourEntries(other);

        AssertBroken(TimelineFault.Foreign, 1, Verify(moved, Head(moved, other)));
    }

    [Fact]
    public void HeadMovedFromAnotherIncidentIsDetected()
    {
        var timeline = FourEntries();
        var other = TimelineOwner.Incident("checkout-2");

        AssertBroken(TimelineFault.Rewritten, 1, Verify(timeline, Head(timeline, other)));
    }

    [Fact]
    public void TimelineWithoutASignedHeadIsUnsigned()
    {
        AssertBroken(TimelineFault.Unsigned, 1, Verify(FourEntries(), head: null));
    }

    [Fact]
    public void EnterpriseEventTimelinesAreChainedTheSameWay()
    {
        var owner = TimelineOwner.EnterpriseEvent("eu-outage");
        var timeline = FourEntries(owner);

        Assert.True(Verify(timeline, Head(timeline, owner), owner).Intact);
    }

    private static void AssertBroken(TimelineFault fault, long firstBroken, TimelineVerification verification)
    {
        Assert.False(verification.Intact);
        Assert.Equal(fault, verification.Fault);
        Assert.Equal(firstBroken, verification.FirstBrokenSequence);
    }
}
