using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// A business unit's local adaptation of the shared process. Incidents take the lifecycle model
/// in force when they open and keep it; severity is classified with the matrix in force when assessed.
/// </summary>
/// <param name="HomeRegion">The region whose silos host the unit's grains while one is up.</param>
/// <param name="Retention">Null keeps every incident at hand for ever.</param>
/// <param name="Targets">Null: no SLA targets, and metrics open no reviews.</param>
/// <param name="Communications">Approvers, spokespersons and update cadence; null: no cadence, and nobody may approve or publish externally.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.BusinessUnitDefinition")]
public sealed record BusinessUnitDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string HomeRegion,
    [property: Id(3)] LifecycleModel Lifecycle,
    [property: Id(4)] SeverityMatrix Severity,
    [property: Id(5)] ImmutableArray<RegulatoryTag> RegulatoryTags,
    [property: Id(6)] ImmutableArray<ResponseTimeLimit> TimeLimits = default,
    [property: Id(7)] ImmutableArray<string> MajorIncidentStakeholders = default,
    [property: Id(8)] RetentionPolicy? Retention = null,
    [property: Id(9)] MetricTargets? Targets = null,
    [property: Id(20)] Communications.CommunicationsPolicy? Communications = null);
