using System.Collections.Immutable;

namespace IncidentActors.Audit;

/// <param name="Total">How many entries the day's log holds in all.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.Audit.AuditPage")]
public sealed record AuditPage(
    [property: Id(0)] ImmutableArray<AuditEntry> Entries,
    [property: Id(1)] int Total);
