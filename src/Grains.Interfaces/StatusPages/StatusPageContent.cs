using System.Collections.Immutable;
using IncidentActors.Communications;

namespace IncidentActors.StatusPages;

/// <summary>A component's status, worst first when ordered by value descending (README, "Status pages").</summary>
[GenerateSerializer, Alias("IncidentActors.StatusPages.ComponentState")]
public enum ComponentState
{
    Operational = 0,
    UnderMaintenance = 1,
    DegradedPerformance = 2,
    PartialOutage = 3,
    MajorOutage = 4,
}

[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.ComponentStatus")]
public sealed record ComponentStatus(
    [property: Id(0)] string ServiceId,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] ComponentState State);

/// <summary>
/// An incident as one page shows it: on a public page titled by its newest external update's subject and carrying only
/// external updates; on an internal page under its own title with every published update. Updates newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.PageIncident")]
public sealed record PageIncident(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] string Component,
    [property: Id(3)] ComponentState Impact,
    [property: Id(4)] PublicStatus PublicStatus,
    [property: Id(5)] DateTimeOffset OpenedAt,
    [property: Id(6)] DateTimeOffset? ResolvedAt,
    [property: Id(7)] bool Drill,
    [property: Id(8)] ImmutableArray<string> RestrictedTo,
    [property: Id(9)] ImmutableArray<BoardUpdate> Updates)
{
    public DateTimeOffset LastChangedAt => Updates.IsDefaultOrEmpty ? ResolvedAt ?? OpenedAt
        : new[] { Updates[0].EditedAt ?? Updates[0].PublishedAt, ResolvedAt ?? OpenedAt }.Max();
}

[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.PageMaintenance")]
public sealed record PageMaintenance(
    [property: Id(0)] string Id,
    [property: Id(1)] string Component,
    [property: Id(2)] DateTimeOffset Start,
    [property: Id(3)] DateTimeOffset End,
    [property: Id(4)] string Reason,
    [property: Id(5)] bool InProgress);

/// <summary>
/// What a page shows. <see cref="Version"/> changes exactly when anything shown does (the page's definition, the board,
/// maintenance), so renderings are cached by it. <see cref="History"/> holds resolved incidents newest first.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.StatusPages.StatusPageContent")]
public sealed record StatusPageContent(
    [property: Id(0)] StatusPage Page,
    [property: Id(1)] string Version,
    [property: Id(2)] DateTimeOffset LastModified,
    [property: Id(3)] ImmutableArray<ComponentStatus> Components,
    [property: Id(4)] ImmutableArray<PageIncident> Active,
    [property: Id(5)] ImmutableArray<PageIncident> History,
    [property: Id(6)] ImmutableArray<PageMaintenance> Maintenance);
