namespace IncidentActors.Incidents;

/// <summary>
/// A page request over incidents, newest first. <see cref="After"/> is the last incident of the
/// previous page (keyset paging: stable while incidents keep opening).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.IncidentQuery")]
public sealed record IncidentQuery(
    [property: Id(0)] string? ServiceId,
    [property: Id(1)] IncidentStatus? Status,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IncidentCursor? After,
    [property: Id(4)] bool IncludeArchived = false);
