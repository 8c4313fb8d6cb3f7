using System.Collections.Immutable;

namespace IncidentActors.Access;

/// <summary>Who may see a restricted incident: members of its named groups and its unit's commanders, nobody else.</summary>
public static class Visibility
{
    public static bool MaySee(this Principal principal, string businessUnitId, ImmutableArray<string> restrictedTo) =>
        restrictedTo.IsDefaultOrEmpty
        || principal.Groups.Any(restrictedTo.Contains)
        || principal.Holds([Role.Commander], businessUnitId);
}
