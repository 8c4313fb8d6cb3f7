using System.Collections.Immutable;

namespace IncidentActors.Escalation;

/// <summary>Who is paged at this level, and how long they have to acknowledge before the next level is paged.</summary>
[GenerateSerializer, Immutable, Alias("IncidentActors.Escalation.EscalationLevel")]
public sealed record EscalationLevel(
    [property: Id(0)] ImmutableArray<EscalationTarget> Targets,
    [property: Id(1)] TimeSpan AcknowledgeWithin);
