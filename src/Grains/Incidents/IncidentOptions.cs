namespace IncidentActors.Incidents;

public sealed class IncidentOptions
{
    public const string Section = "IncidentActors:Incidents";

    /// <summary>
    /// How long a repeat of an open incident's dedup key may stay in memory before its counters are
    /// stored. Repeats change no lifecycle state, so they are written behind: a silo crash can lose at
    /// most this much of alert counts, never an incident or a state change.
    /// </summary>
    public TimeSpan RepeatFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long changes to a service are frozen after a major incident on it resolves.</summary>
    public TimeSpan ChangeFreezeAfterMajor { get; set; } = TimeSpan.FromHours(24);
}
