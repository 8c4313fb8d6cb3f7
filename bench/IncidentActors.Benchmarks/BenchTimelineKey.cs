using IncidentActors.Incidents;

namespace IncidentActors.Benchmarks;

/// <summary>The timeline key of every bench silo, in this process or a child: every silo must sign with one, the same for all.</summary>
internal static class BenchTimelineKey
{
    public static IReadOnlyDictionary<string, string?> Setting { get; } = new Dictionary<string, string?>
    {
        [$"{TimelineSigningOptions.Section}:{nameof(TimelineSigningOptions.TimelineKey)}"] = "1toj6ChC+twNFYuotB+tcCwsrlqLnopZI2g4F7GFW1M=",
    };
}
