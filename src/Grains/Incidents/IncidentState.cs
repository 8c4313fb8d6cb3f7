using IncidentActors.Alerts;

namespace IncidentActors.Incidents;

[GenerateSerializer, Alias("IncidentActors.Incidents.IncidentState")]
public sealed class IncidentState
{
    [Id(0)] public string ServiceId { get; set; } = "";
    [Id(1)] public string BusinessUnitId { get; set; } = "";
    [Id(2)] public string DedupKey { get; set; } = "";
    [Id(3)] public string Title { get; set; } = "";
    [Id(4)] public string Source { get; set; } = "";
    [Id(5)] public string? Component { get; set; }
    [Id(6)] public AlertSeverity Severity { get; set; }
    [Id(7)] public IncidentStatus Status { get; set; }
    [Id(8)] public SortedDictionary<string, string> CustomDetails { get; set; } = new(StringComparer.Ordinal);
    [Id(9)] public DateTimeOffset OpenedAt { get; set; }
    [Id(10)] public DateTimeOffset? AcknowledgedAt { get; set; }
    [Id(11)] public string? AcknowledgedBy { get; set; }
    [Id(12)] public DateTimeOffset? ResolvedAt { get; set; }
    [Id(13)] public string? ResolvedBy { get; set; }
    [Id(14)] public int AlertCount { get; set; }
    [Id(15)] public DateTimeOffset LastAlertAt { get; set; }
    [Id(16)] public long Version { get; set; }
    [Id(17)] public List<TimelineEntry> Timeline { get; set; } = [];
}
