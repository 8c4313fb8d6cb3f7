using System.Collections.Immutable;

namespace IncidentActors.OnCall;

/// <param name="Definition">The newest definition, which may take effect only at <see cref="EffectiveFrom"/>.</param>
/// <param name="NextHandoverAt">When on-call next changes hands; null when nothing changes within the schedule's horizon.</param>
[GenerateSerializer, Immutable, Alias("IncidentActors.OnCall.RotationView")]
public sealed record RotationView(
    [property: Id(0)] RotationDefinition Definition,
    [property: Id(1)] DateTimeOffset EffectiveFrom,
    [property: Id(2)] DateTimeOffset? NextHandoverAt,
    [property: Id(3)] ImmutableArray<string> CommandedIncidents);
