namespace IncidentActors.Deadlines;

/// <summary>One bucket of a shard's deadlines (see <see cref="DeadlineBuckets"/>).</summary>
[GenerateSerializer, Alias("IncidentActors.Deadlines.DeadlineShardState")]
public sealed class DeadlineShardState
{
    /// <summary>Keyed by owner and name, so that re-arming replaces.</summary>
    [Id(0)] public Dictionary<string, DeadlineEntry> Deadlines { get; set; } = new(StringComparer.Ordinal);

    public static string Key(GrainId owner, string name) => $"{owner}\n{name}";
}
