using System.Collections.Immutable;

namespace IncidentActors.BusinessUnits;

/// <summary>
/// What a unit holds itself to, per severity (SLA compliance measures against these), and when its numbers call for a
/// review instead of a page: a severity's mean time to resolve above its target for <see cref="MttrBreachPeriods"/>
/// weeks running, or, with <see cref="ReviewRecurrences"/>, an incident recurring (its service and dedup key seen
/// within the recurrence window before).
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.MetricTargets")]
public sealed record MetricTargets(
    [property: Id(0)] ImmutableArray<SeverityTarget> Severities,
    [property: Id(1)] int MttrBreachPeriods = 2,
    [property: Id(2)] bool ReviewRecurrences = true)
{
    public SeverityTarget? For(IncidentSeverity severity) => Severities.IsDefault ? null : Severities.FirstOrDefault(t => t.Severity == severity);
}

/// <summary>Acknowledge within, and resolve within, counted from the incident's opening.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.BusinessUnits.SeverityTarget")]
public sealed record SeverityTarget(
    [property: Id(0)] IncidentSeverity Severity,
    [property: Id(1)] TimeSpan AcknowledgeWithin,
    [property: Id(2)] TimeSpan ResolveWithin);
