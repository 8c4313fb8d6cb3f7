namespace IncidentActors.Reviews;

/// <summary>Stored numbers: never renumber.</summary>
[GenerateSerializer]
public enum ParticipantKind
{
    Team = 1,
    Responder = 2,
}

/// <summary>A team or responder that appears in the incident, invited to the review; attendance is null until recorded.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Reviews.ReviewParticipant")]
public sealed record ReviewParticipant(
    [property: Id(0)] ParticipantKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] bool? Attended = null,
    [property: Id(3)] string? RecordedBy = null);
