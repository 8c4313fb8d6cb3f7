using System.Collections.Immutable;

namespace IncidentActors.Access;

/// <summary>
/// An authenticated caller: a person (id = their responder id) or an integration (id = its key id, limited to
/// <see cref="ServiceIds"/> of its unit when any are named). Groups come from the person's token.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Access.Principal")]
public sealed record Principal(
    [property: Id(0)] string Id,
    [property: Id(1)] PrincipalKind Kind,
    [property: Id(2)] ImmutableArray<RoleGrant> Grants,
    [property: Id(3)] ImmutableArray<string> Groups,
    [property: Id(4)] ImmutableArray<string> ServiceIds)
{
    /// <summary>Holds one of <paramref name="roles"/> in the unit, or organisation-wide.</summary>
    public bool Holds(IReadOnlyCollection<Role> roles, string? businessUnitId) =>
        Grants.Any(g => roles.Contains(g.Role) && g.Covers(businessUnitId));

    /// <summary>Holds one of <paramref name="roles"/> somewhere; where exactly is checked against the data.</summary>
    public bool HoldsAnywhere(IReadOnlyCollection<Role> roles) => Grants.Any(g => roles.Contains(g.Role));

    /// <summary>An integration limited to some services may act on those only.</summary>
    public bool Reaches(string serviceId) => Kind != PrincipalKind.Integration || ServiceIds.IsDefaultOrEmpty || ServiceIds.Contains(serviceId);
}
