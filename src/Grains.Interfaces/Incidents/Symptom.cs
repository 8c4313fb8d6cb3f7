namespace IncidentActors.Incidents;

/// <summary>Alerts of a downstream service counted on an upstream failure's incident.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.Symptom")]
public sealed record Symptom(
    [property: Id(0)] string ServiceId,
    [property: Id(1)] DateTimeOffset FirstAt,
    [property: Id(2)] DateTimeOffset LastAt,
    [property: Id(3)] int AlertCount,
    [property: Id(4)] string LastSummary);
