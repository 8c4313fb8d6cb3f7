namespace IncidentActors.Deadlines;

[GenerateSerializer, Immutable, Alias("IncidentActors.Deadlines.DeadlineEntry")]
public sealed record DeadlineEntry(
    [property: Id(0)] GrainId Owner,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset Due);
