using IncidentActors.Incidents;

namespace IncidentActors.Alerts;

[GenerateSerializer, Immutable, Alias("IncidentActors.Alerts.AlertOutcome")]
public sealed record AlertOutcome(
    [property: Id(0)] AlertDisposition Disposition,
    [property: Id(1)] string DedupKey,
    [property: Id(2)] string? IncidentId,
    [property: Id(3)] IncidentStatus? Status,
    [property: Id(4)] int AlertCount);
