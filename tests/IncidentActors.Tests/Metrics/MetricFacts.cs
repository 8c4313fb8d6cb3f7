using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;
using IncidentActors.Metrics;

namespace IncidentActors.Tests.Metrics;

/// <summary>Facts for metric tests, by minutes after a fixed Monday morning.</summary>
internal static class MetricFacts
{
    public static readonly DateTimeOffset Midnight = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);

    public static readonly DateTimeOffset Monday = Midnight.AddHours(8);

    public static DateTimeOffset At(double minutes) => Monday.AddMinutes(minutes);

    /// <param name="opened">Minutes after <see cref="Monday"/>; the other milestones are minutes after opening.</param>
    public static IncidentFact Fact(string id, double opened, double detectedBefore = 0, double? acknowledged = null, double? mitigated = null,
        double? resolved = null, IncidentSeverity severity = IncidentSeverity.Sev2, string service = "checkout", string team = "payments",
        string region = "emea", string dedupKey = "", bool escalated = false, int reopens = 0, string category = "latency", string[]? restrictedTo = null,
        long sequence = 1)
    {
        var openedAt = At(opened);
        return new IncidentFact(id, sequence, openedAt, service, team, region, severity, category,
            new IncidentMilestones(openedAt.AddMinutes(-detectedBefore), openedAt, After(openedAt, acknowledged), After(openedAt, mitigated),
                After(openedAt, resolved), reopens),
            escalated, dedupKey.Length == 0 ? id : dedupKey, [.. restrictedTo ?? []]);
    }

    private static DateTimeOffset? After(DateTimeOffset openedAt, double? minutes) => minutes is { } m ? openedAt.AddMinutes(m) : null;
}
