namespace IncidentActors.Access;

/// <summary>A role in one business unit, or organisation-wide when <see cref="BusinessUnitId"/> is null.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Access.RoleGrant")]
public sealed record RoleGrant(
    [property: Id(0)] Role Role,
    [property: Id(1)] string? BusinessUnitId)
{
    public bool Covers(string? businessUnitId) => BusinessUnitId is null || BusinessUnitId == businessUnitId;
}
