namespace IncidentActors.Services;

/// <param name="BusinessUnitId">Only this unit's services; null for every unit.</param>
/// <param name="PageSize">0 for the default size.</param>
/// <param name="After">The last service id of the previous page; null for the first page.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ServiceListQuery")]
public sealed record ServiceListQuery(
    [property: Id(0)] string? BusinessUnitId,
    [property: Id(1)] int PageSize,
    [property: Id(2)] string? After);
