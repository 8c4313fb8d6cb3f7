namespace IncidentActors.Incidents;

[GenerateSerializer]
public enum LinkedItemKind
{
    ChildIncident = 0,
    ProblemRecord = 1,
    ChangeRequest = 2,
    FollowUpTask = 3,
}

/// <summary>
/// An incident or external record linked to an incident, known by its kind and reference. A child
/// incident is open until it is resolved itself (closing asks it); any other item until marked done.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.LinkedItem")]
public sealed record LinkedItem(
    [property: Id(0)] LinkedItemKind Kind,
    [property: Id(1)] string Reference,
    [property: Id(2)] string Title,
    [property: Id(3)] string LinkedBy,
    [property: Id(4)] DateTimeOffset LinkedAt,
    [property: Id(5)] string? DoneBy,
    [property: Id(6)] DateTimeOffset? DoneAt);
