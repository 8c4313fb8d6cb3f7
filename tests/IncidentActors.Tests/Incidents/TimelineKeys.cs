using IncidentActors.Incidents;

namespace IncidentActors.Tests.Incidents;

/// <summary>Keys for tests: every test silo signs with <see cref="Silo"/>; tests that tamper never use it, as an attacker would not have it.</summary>
internal static class TimelineKeys
{
    private const string SiloKey = "yO1kPJYBfNpPo4hSKsrttcMaReGxq0vIDfV56Hh5EWM=";

    public static TimelineKey Silo { get; } = TimelineKey.Parse(SiloKey);

    public static TimelineKey Attacker { get; } = TimelineKey.Parse("OZotOaCE2cV5JI6GwLxBmxauvTKUiBjzBPCFngjym+Y=");

    public static IReadOnlyDictionary<string, string?> SiloSetting { get; } = new Dictionary<string, string?>
    {
        [$"{TimelineSigningOptions.Section}:{nameof(TimelineSigningOptions.TimelineKey)}"] = SiloKey,
    };
}
