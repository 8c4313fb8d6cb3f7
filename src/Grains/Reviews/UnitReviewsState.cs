namespace IncidentActors.Reviews;

[GenerateSerializer, Alias("IncidentActors.Reviews.UnitReviewsState")]
public sealed class UnitReviewsState
{
    [Id(0)] public ReviewPolicy? Policy { get; set; }

    /// <summary>Every taxonomy version the unit published, oldest first; reviews keep the version they were written under.</summary>
    [Id(1)] public List<List<string>> Taxonomies { get; set; } = [];

    [Id(2)] public Dictionary<string, ReviewSummary> Reviews { get; set; } = new(StringComparer.Ordinal);
}
