using System.Collections.Immutable;

namespace IncidentActors.OnCall;

[GenerateSerializer, Alias("IncidentActors.OnCall.RotationState")]
public sealed class RotationState
{
    [Id(0)] public ImmutableArray<RotationVersion> History { get; set; } = [];

    /// <summary>Open incidents paged through this rotation, handed over at each shift boundary.</summary>
    [Id(1)] public SortedSet<string> CommandedIncidents { get; set; } = new(StringComparer.Ordinal);

    [Id(2)] public DateTimeOffset? NextHandoverAt { get; set; }

    /// <summary>The shift boundary whose notices are armed next; null when the rotation sends none.</summary>
    [Id(40)] public DateTimeOffset? NextShiftNoticesAt { get; set; }
}
