namespace IncidentActors.Deadlines;

public sealed class DeadlineOptions
{
    public const string Section = "IncidentActors:Deadlines";

    /// <summary>How soon a deadline whose owner could not be reached is tried again.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many owners one shard calls at once. Owners are called without waiting for each other,
    /// but not all at once: a burst of thousands of due deadlines (or of calls to a silo that just
    /// died) would otherwise flood the cluster's messaging all together.
    /// </summary>
    public int MaxConcurrentFiresPerShard { get; set; } = 64;

    /// <summary>How long the removal of fired deadlines may wait to be stored; a lost removal only fires one again.</summary>
    public TimeSpan RemovalFlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Every silo pings all shards this often, besides on every membership change: a second line
    /// behind failover, ahead of the once-a-minute reminder.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How far apart silos' clocks may be: an owner waits out a deadline fired this much early by its own clock, and
    /// refuses (so that the shard fires it again later) one fired earlier still. Raise it where clocks are kept in step
    /// more loosely than by NTP.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromSeconds(1);
}
