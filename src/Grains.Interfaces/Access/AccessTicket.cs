using System.Collections.Immutable;

namespace IncidentActors.Access;

/// <summary>
/// The verified caller of an API call and the roles that call allows, carried in the grain call's RequestContext to
/// every grain it reaches, so that grains owned by a business unit check it against their own unit.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Access.AccessTicket")]
/// <param name="Operation">The API method called, for the audit log of a refusal where the data lives.</param>
/// <param name="Address">The caller's address, for the same.</param>
public sealed record AccessTicket(
    [property: Id(0)] Principal Principal,
    [property: Id(1)] ImmutableArray<Role> Allowed,
    [property: Id(2)] string Operation = "",
    [property: Id(3)] string Address = "")
{
    private const string Key = "ia-access";

    public static AccessTicket? Current => RequestContext.Get(Key) as AccessTicket;

    /// <summary>Carries the ticket with every grain call made from here on in this async flow.</summary>
    public void Attach() => RequestContext.Set(Key, this);

    /// <summary>Ends the ticket's journey: grain calls made from here on in this async flow are the system's own.</summary>
    public static void Detach() => RequestContext.Remove(Key);

    public bool Admits(string? businessUnitId) => Principal.Holds(Allowed, businessUnitId);
}
