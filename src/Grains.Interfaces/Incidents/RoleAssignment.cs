namespace IncidentActors.Incidents;

[GenerateSerializer, Immutable, Alias("IncidentActors.Incidents.RoleAssignment")]
public sealed record RoleAssignment(
    [property: Id(0)] IncidentRole Role,
    [property: Id(1)] string ResponderId,
    [property: Id(2)] DateTimeOffset Since,
    [property: Id(3)] string AssignedBy);
