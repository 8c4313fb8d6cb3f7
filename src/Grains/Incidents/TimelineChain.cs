using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.Incidents;

/// <summary>
/// The hash chain over an incident's timeline: each entry's hash covers its own fields and the
/// previous entry's hash, so an edited, reordered or removed entry is detectable.
/// </summary>
public static class TimelineChain
{
    public const string GenesisHash = "";

    public static TimelineEntry Next(IReadOnlyList<TimelineEntry> timeline, DateTimeOffset at, string actor, TimelineEntryKind kind, string message)
    {
        var previousHash = timeline.Count == 0 ? GenesisHash : timeline[^1].Hash;
        var sequence = timeline.Count + 1L;
        return new TimelineEntry(sequence, at, actor, kind, message, previousHash, Hash(sequence, at, actor, kind, message, previousHash));
    }

    /// <summary>The first entry whose hash or link does not hold, or null when the whole chain is intact.</summary>
    public static long? FirstBrokenEntry(IReadOnlyList<TimelineEntry> timeline)
    {
        var previousHash = GenesisHash;
        for (var i = 0; i < timeline.Count; i++)
        {
            var e = timeline[i];
            if (e.Sequence != i + 1 || e.PreviousHash != previousHash ||
                e.Hash != Hash(e.Sequence, e.At, e.Actor, e.Kind, e.Message, e.PreviousHash))
            {
                return i + 1;
            }
            previousHash = e.Hash;
        }
        return null;
    }

    private static string Hash(long sequence, DateTimeOffset at, string actor, TimelineEntryKind kind, string message, string previousHash)
    {
        // Length-prefixed fields, so that no two different entries serialize to the same bytes.
        var text = new StringBuilder();
        foreach (var field in new[]
                 {
                     sequence.ToString(CultureInfo.InvariantCulture),
                     at.UtcTicks.ToString(CultureInfo.InvariantCulture),
                     actor,
                     kind.ToString(),
                     message,
                     previousHash,
                 })
        {
            text.Append(field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
