using System.Collections.Immutable;

namespace IncidentActors.StatusPages;

/// <summary>Who may read a status page: anyone, or people holding a role in its business unit.</summary>
[GenerateSerializer, Alias("IncidentActors.StatusPages.StatusPageVisibility")]
public enum StatusPageVisibility
{
    Public = 0,
    Internal = 1,
}

/// <summary>A service shown on a page, under the name readers know it by.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.StatusComponent")]
public sealed record StatusComponent(
    [property: Id(0)] string ServiceId,
    [property: Id(1)] string DisplayName);

/// <summary>
/// A status page of a business unit: the services it shows as components (none named: every service of the unit, under
/// its id) and who may read it.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.StatusPageDefinition")]
public sealed record StatusPageDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string BusinessUnitId,
    [property: Id(3)] ImmutableArray<StatusComponent> Components,
    [property: Id(4)] StatusPageVisibility Visibility);

/// <summary>A page as defined, with its version (1 for the first definition) and who defined it last.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.StatusPage")]
public sealed record StatusPage(
    [property: Id(0)] StatusPageDefinition Definition,
    [property: Id(1)] long Version,
    [property: Id(2)] DateTimeOffset DefinedAt,
    [property: Id(3)] string DefinedBy);
