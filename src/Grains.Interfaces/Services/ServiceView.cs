using System.Collections.Immutable;

namespace IncidentActors.Services;

/// <param name="Dependents">Services registered as depending on this one.</param>
/// <param name="MaintenanceWindows">Windows running or still to come.</param>
/// <param name="PendingGroups">New alert groups held for the grouping wait.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Services.ServiceView")]
public sealed record ServiceView(
    [property: Id(0)] ServiceDefinition Definition,
    [property: Id(1)] DateTimeOffset RegisteredAt,
    [property: Id(2)] DateTimeOffset UpdatedAt,
    [property: Id(3)] ImmutableArray<ChangeFreeze> ActiveChangeFreezes,
    [property: Id(4)] ImmutableArray<string> Dependents,
    [property: Id(5)] ImmutableArray<MaintenanceWindow> MaintenanceWindows,
    [property: Id(6)] ImmutableArray<SuppressedAlert> RecentlySuppressed,
    [property: Id(7)] long SuppressedCount,
    [property: Id(8)] HeartbeatView? Heartbeat,
    [property: Id(9)] int PendingGroups,
    [property: Id(10)] ImmutableArray<ChangeFreezeOverride> FreezeOverrides = default);
