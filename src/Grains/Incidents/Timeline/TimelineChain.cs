using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.Incidents;

/// <summary>
/// The hash chain over a timeline. The first entry links to a genesis hash derived from the timeline's owner, each later
/// one to the hash of the entry before it, and each hash covers its entry's sequence, time, actor, kind (by number),
/// message and link: an edited, reordered, removed or moved entry is detectable. An incident also stores its
/// <see cref="SignedTimelineHead"/>, so that dropping entries from the end or recomputing every hash, which leave a
/// chain that holds together, are detectable too by whoever holds the <see cref="TimelineKey"/>.
/// </summary>
public static class TimelineChain
{
    public static string Genesis(TimelineOwner owner) => Digest("incidentactors/timeline/genesis", owner.Kind, owner.Id);

    /// <summary>The one way an entry joins a timeline: numbered and linked after the last one.</summary>
    public static TimelineEntry Append(List<TimelineEntry> timeline, TimelineOwner owner, DateTimeOffset at, string actor, TimelineEntryKind kind, string message)
    {
        var previousHash = timeline.Count == 0 ? Genesis(owner) : timeline[^1].Hash;
        var sequence = timeline.Count + 1L;
        var entry = new TimelineEntry(sequence, at, actor, kind, message, previousHash, Hash(sequence, at, actor, kind, message, previousHash));
        timeline.Add(entry);
        return entry;
    }

    /// <summary>Signs the timeline's last entry, which through the chain vouches for every entry before it.</summary>
    public static SignedTimelineHead SignHead(TimelineOwner owner, IReadOnlyList<TimelineEntry> timeline, TimelineKey key)
    {
        var last = timeline[^1];
        return new SignedTimelineHead(last.Sequence, last.Hash, key.Sign(HeadText(owner, last.Sequence, last.Hash)));
    }

    /// <summary>
    /// Checks every entry from the start of the owner's chain, then that the chain ends in <paramref name="head"/> and
    /// that the head's signature verifies with <paramref name="key"/>; reports the first fault.
    /// </summary>
    public static TimelineVerification Verify(TimelineOwner owner, IReadOnlyList<TimelineEntry> timeline, SignedTimelineHead? head, TimelineKey key)
    {
        var count = timeline.Count;
        var headHash = count == 0 ? "" : timeline[^1].Hash;
        TimelineVerification Broken(TimelineFault fault, long sequence, string detail) => new(fault, count, sequence, headHash, detail);

        var previousHash = Genesis(owner);
        for (var i = 0; i < count; i++)
        {
            var entry = timeline[i];
            var position = i + 1L;
            if (entry.Sequence != position)
            {
                return timeline.Skip(i + 1).Any(e => e.Sequence == position)
                    ? Broken(TimelineFault.Reordered, position, $"Entry {position} is stored after entry {entry.Sequence}, which it came before.")
                    : Broken(TimelineFault.Removed, position, $"Entry {position} is missing: entry {entry.Sequence} is stored in its place.");
            }
            if (entry.PreviousHash != previousHash)
            {
                return i == 0
                    ? Broken(TimelineFault.Foreign, position, $"Entry 1 does not link to the start of {owner}'s chain: the chain was moved " +
                        $"from another {owner.Kind}, or stored before chains started from their {owner.Kind}'s id.")
                    : Broken(TimelineFault.Unlinked, position, $"Entry {position} does not link to entry {position - 1} as stored: " +
                        "that entry was replaced, or entries were removed and renumbered.");
            }
            if (entry.Hash != Hash(entry.Sequence, entry.At, entry.Actor, entry.Kind, entry.Message, entry.PreviousHash))
            {
                return Broken(TimelineFault.Edited, position, $"Entry {position} does not match its hash: it was changed after it was recorded.");
            }
            previousHash = entry.Hash;
        }

        if (head is null)
        {
            return Broken(TimelineFault.Unsigned, 1, $"The {count} entries link up, but no signed head is stored with them, " +
                "so nothing outside the chain vouches for it: it may have been truncated or rewritten.");
        }
        if (!key.Verifies(HeadText(owner, head.Sequence, head.Hash), head.Signature))
        {
            return Broken(TimelineFault.Rewritten, 1, $"The signed head does not verify with the configured key for {owner}: it was forged " +
                "for a rewritten chain, moved from another timeline, or signed with a key this cluster no longer uses.");
        }
        if (head.Sequence > count)
        {
            return Broken(TimelineFault.Truncated, count + 1, $"The signed head vouches for {head.Sequence} entries, but {count} are stored: " +
                $"entries {count + 1} to {head.Sequence} were removed from the end.");
        }
        if (timeline[(int)head.Sequence - 1].Hash != head.Hash)
        {
            return Broken(TimelineFault.Rewritten, 1, $"The entries link up, but entry {head.Sequence} is not the one signed: " +
                "the chain was rewritten with recomputed hashes.");
        }
        if (head.Sequence < count)
        {
            return Broken(TimelineFault.Appended, head.Sequence + 1, $"Entries {head.Sequence + 1} to {count} follow the signed head " +
                $"(entry {head.Sequence}), which does not vouch for them.");
        }
        return new TimelineVerification(TimelineFault.None, count, null, headHash,
            $"All {count} entries link up from the start of {owner}'s chain to its signed head, entry {count}.");
    }

    private static string Hash(long sequence, DateTimeOffset at, string actor, TimelineEntryKind kind, string message, string previousHash) =>
        Digest("incidentactors/timeline/entry", Number(sequence), Number(at.UtcTicks), actor, Number((int)kind), message, previousHash);

    private static string HeadText(TimelineOwner owner, long sequence, string hash) =>
        Frame("incidentactors/timeline/head", owner.Kind, owner.Id, Number(sequence), hash);

    /// <summary>Over UTF-8, as storage keeps strings: a string UTF-8 cannot hold (a lone surrogate) is hashed as it reads back.</summary>
    private static string Digest(params string[] fields) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Frame(fields))));

    /// <summary>Length-prefixed fields, so that no two different field lists give the same text.</summary>
    private static string Frame(params string[] fields)
    {
        var text = new StringBuilder();
        foreach (var field in fields)
        {
            text.Append(Number(field.Length)).Append(':').Append(field).Append('|');
        }
        return text.ToString();
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
