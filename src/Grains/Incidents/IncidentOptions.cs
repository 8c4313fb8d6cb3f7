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

    /// <summary>
    /// How long a listing's stored copy of an incident may lag a change that alters nothing it lists
    /// but the update time and version (an escalation, a page, a role). Listings answer from memory at
    /// once; such changes reach storage together, at most this much later or with the page's next
    /// listed change, so a silo crash can only leave a listing showing an older update time. A minute
    /// folds many escalations into one write of a page even when each unit sees one every few seconds.
    /// </summary>
    public TimeSpan ListingActivityFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When the events of a stored change are delivered again should the silo that stored them die first (or a
    /// consumer fail): each change arms the incident's events deadline this far ahead, unless one is armed already.
    /// A killed silo's undelivered events reach their consumers within failure detection plus this. A responder's
    /// delivery receipts that the incident has not stored are reported again as soon.
    /// </summary>
    public TimeSpan EventRedeliveryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long changes to a service are frozen after a major incident on it resolves.</summary>
    public TimeSpan ChangeFreezeAfterMajor { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often an incident whose retention a legal hold holds back checks again: a unit's released hold lets its
    /// incidents be archived within this. An incident's own hold, released, lets it be archived at once.
    /// </summary>
    public TimeSpan LegalHoldRecheckInterval { get; set; } = TimeSpan.FromDays(1);
}
