using FsCheck;
using FsCheck.Xunit;
using IncidentActors.Incidents;

namespace IncidentActors.Tests.Incidents;

/// <summary>Random timelines and random tampering: whatever single change is made to a stored chain, verification fails.</summary>
public sealed class TimelineChainProperties
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly TimelineOwner Owner = TimelineOwner.Incident("payments-7");
    private static readonly TimelineEntryKind[] Kinds = Enum.GetValues<TimelineEntryKind>();

    [Property(MaxTest = 300)]
    public bool AnUntouchedChainVerifies(NonEmptyArray<NonNull<string>> messages)
    {
        var timeline = Chain(messages);

        return TimelineChain.Verify(Owner, timeline, TimelineChain.SignHead(Owner, timeline, TimelineKeys.Silo), TimelineKeys.Silo).Intact;
    }

    [Property(MaxTest = 1000)]
    public bool AnySingleChangeToAStoredChainIsDetected(NonEmptyArray<NonNull<string>> messages, byte change, PositiveInt at, PositiveInt other)
    {
        var timeline = Chain(messages);
        var head = TimelineChain.SignHead(Owner, timeline, TimelineKeys.Silo);
        var i = at.Get % timeline.Count;
        var e = timeline[i];
        switch (change % 11)
        {
            case 0: timeline[i] = e with { Message = e.Message + "!" }; break;
            case 1: timeline[i] = e with { Actor = e.Actor + "!" }; break;
            case 2: timeline[i] = e with { Kind = Kinds[(Array.IndexOf(Kinds, e.Kind) + 1) % Kinds.Length] }; break;
            case 3: timeline[i] = e with { At = e.At.AddTicks(1) }; break;
            case 4: timeline[i] = e with { Sequence = e.Sequence + other.Get }; break;
            case 5: timeline[i] = e with { PreviousHash = Flip(e.PreviousHash) }; break;
            case 6: timeline[i] = e with { Hash = Flip(e.Hash) }; break;
            case 7: timeline.RemoveAt(i); break;
            case 8: timeline.Insert(i, e); break;
            case 9 when timeline.Count > 1:
                var j = (i + 1 + other.Get % (timeline.Count - 1)) % timeline.Count;
                (timeline[i], timeline[j]) = (timeline[j], timeline[i]);
                break;
            case 9: timeline.Clear(); break;
            default: head = head with { Sequence = head.Sequence - 1 }; break;
        }
        return !TimelineChain.Verify(Owner, timeline, head, TimelineKeys.Silo).Intact;
    }

    [Property(MaxTest = 300)]
    public bool RewritingAChainConsistentlyWithoutTheKeyIsDetected(NonEmptyArray<NonNull<string>> messages, PositiveInt at, bool forgeHead)
    {
        var original = Chain(messages);
        var head = TimelineChain.SignHead(Owner, original, TimelineKeys.Silo);
        var edited = messages.Get.Select(m => m.Get).ToArray();
        edited[at.Get % edited.Length] += "!";
        var rewritten = Chain(edited);

        var presented = forgeHead ? TimelineChain.SignHead(Owner, rewritten, TimelineKeys.Attacker) : head;
        return TimelineChain.Verify(Owner, rewritten, presented, TimelineKeys.Silo).Fault == TimelineFault.Rewritten;
    }

    private static List<TimelineEntry> Chain(NonEmptyArray<NonNull<string>> messages) => Chain(messages.Get.Select(m => m.Get).ToArray());

    private static List<TimelineEntry> Chain(string[] messages)
    {
        var timeline = new List<TimelineEntry>();
        for (var i = 0; i < messages.Length; i++)
        {
            TimelineChain.Append(timeline, Owner, Start.AddMinutes(i), $"responder-{i % 3}", Kinds[i % Kinds.Length], messages[i]);
        }
        return timeline;
    }

    private static string Flip(string hash) => hash.Length == 0 ? "0" : (hash[0] == '0' ? "1" : "0") + hash[1..];
}
