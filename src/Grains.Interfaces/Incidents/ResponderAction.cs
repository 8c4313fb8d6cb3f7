namespace IncidentActors.Incidents;

/// <summary>A person acting on an incident (acknowledging, resolving), with an optional note for the timeline.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.ResponderAction")]
public sealed record ResponderAction(
    [property: Id(0)] string ResponderId,
    [property: Id(1)] string? Note);
