namespace IncidentActors.Communications;

/// <summary>
/// What the communications lead asks for: the unit's template by name, filled from the incident, with any filled text
/// replaced by their own (recorded beside what the template gave).
/// </summary>
/// <param name="EstimatedResolution">The lead's estimate, in their words; the incident itself has none.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Communications.UpdateDraft")]
public sealed record UpdateDraft(
    [property: Id(0)] string TemplateName,
    [property: Id(1)] string? SubjectOverride = null,
    [property: Id(2)] string? BodyOverride = null,
    [property: Id(3)] string? EstimatedResolution = null);
