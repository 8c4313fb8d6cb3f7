using System.Collections.Immutable;

namespace IncidentActors.Services;

/// <param name="Next">Where the next page starts (its query's After); null on the last page.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ServiceDirectoryPage")]
public sealed record ServiceDirectoryPage(
    [property: Id(0)] ImmutableArray<string> ServiceIds,
    [property: Id(1)] string? Next);
