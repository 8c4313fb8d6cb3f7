using System.Collections.Immutable;
using IncidentActors.Access;

namespace IncidentActors.GrpcFrontend.Access;

/// <summary>How a call is authenticated.</summary>
internal enum CallerKind
{
    /// <summary>A person's token or an integration key, holding one of the rule's roles.</summary>
    Principal,

    /// <summary>Any authenticated principal, whatever its roles.</summary>
    AnyPrincipal,

    /// <summary>A vendor's access key, checked by the vendor portal itself.</summary>
    VendorKey,

    /// <summary>Nobody needs to be known: health only.</summary>
    Anonymous,
}

/// <summary>
/// Who may call one method. At the door: the caller must hold one of <see cref="Roles"/> organisation-wide when
/// <see cref="OrgWide"/>, in the unit the request names when <see cref="UnitOf"/> gives one, and somewhere otherwise;
/// the grain owning the data then checks its own unit. <see cref="SelfOf"/> lets a person act on their own record
/// without any role; <see cref="ServicesOf"/> keeps integrations limited to some services to those.
/// </summary>
internal sealed record AccessRule(CallerKind Caller, ImmutableArray<Role> Roles)
{
    public bool OrgWide { get; init; }

    public Func<object, string?>? UnitOf { get; init; }

    public Func<object, IEnumerable<string>>? ServicesOf { get; init; }

    public Func<object, string?>? SelfOf { get; init; }

    public bool Admits(Principal principal, object request)
    {
        if (SelfOf?.Invoke(request) is { Length: > 0 } self && self == principal.Id && principal.Kind == PrincipalKind.Person)
        {
            return true;
        }
        if (Caller == CallerKind.AnyPrincipal)
        {
            return true;
        }
        if (ServicesOf is not null && !ServicesOf(request).All(principal.Reaches))
        {
            return false;
        }
        if (OrgWide)
        {
            return principal.Holds(Roles, null);
        }
        return UnitOf?.Invoke(request) is { Length: > 0 } unit ? principal.Holds(Roles, unit) : principal.HoldsAnywhere(Roles);
    }
}
