namespace IncidentActors.Incidents;

/// <summary>What was done to resolve an incident, as closing requires it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ResolutionNotes")]
public sealed record ResolutionNotes(
    [property: Id(0)] string ActionsTaken,
    [property: Id(1)] string ToolsUsed,
    [property: Id(2)] string ConfigurationChanges,
    [property: Id(3)] string RecordedBy,
    [property: Id(4)] DateTimeOffset At);

/// <summary>A second person's review, which a high-risk incident needs before it closes.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ClosureReview")]
public sealed record ClosureReview(
    [property: Id(0)] string ReviewedBy,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] string? Note);
