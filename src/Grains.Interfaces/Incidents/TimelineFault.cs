namespace IncidentActors.Incidents;

/// <summary>What verifying a timeline found wrong with it, the first fault from its start.</summary>
[GenerateSerializer, Alias("IncidentActors.Incidents.TimelineFault")]
public enum TimelineFault
{
    None = 0,

    /// <summary>An entry's fields no longer give its hash: it was changed after it was recorded.</summary>
    Edited = 1,

    /// <summary>An entry is missing between two stored ones.</summary>
    Removed = 2,

    /// <summary>An entry is stored after one that it came before.</summary>
    Reordered = 3,

    /// <summary>An entry does not link to the one stored before it: that one was replaced, or entries were renumbered.</summary>
    Unlinked = 4,

    /// <summary>The first entry does not link to the start of this incident's chain: the chain belongs to another one.</summary>
    Foreign = 5,

    /// <summary>Entries the signed head vouches for are missing from the end.</summary>
    Truncated = 6,

    /// <summary>Entries follow the signed head, which does not vouch for them.</summary>
    Appended = 7,

    /// <summary>
    /// The chain holds together but is not the one signed: its hashes were recomputed, or the head's signature fails
    /// with the configured key.
    /// </summary>
    Rewritten = 8,

    /// <summary>No signed head is stored with the chain, so nothing outside it vouches for it.</summary>
    Unsigned = 9,
}
