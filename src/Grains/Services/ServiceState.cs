using IncidentActors.Alerts;
using IncidentActors.Intake;

namespace IncidentActors.Services;

[GenerateSerializer, Alias("IncidentActors.Services.ServiceState")]
public sealed class ServiceState
{
    [Id(0)] public ServiceDefinition? Definition { get; set; }
    [Id(1)] public DateTimeOffset RegisteredAt { get; set; }
    [Id(2)] public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Dedup key → the incident it opened or joined. An entry may outlive its incident's resolution; the incident says so when asked.</summary>
    [Id(3)] public Dictionary<string, string> OpenIncidentByDedupKey { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Numbers this service's incidents, so their ids are readable and unique.</summary>
    [Id(4)] public long LastIncidentNumber { get; set; }

    /// <summary>Change freezes by incident; ended ones are dropped when the next is recorded.</summary>
    [Id(5)] public List<ChangeFreeze> ChangeFreezes { get; set; } = [];

    /// <summary>Dedup key → the upstream incident its alerts are a symptom of.</summary>
    [Id(6)] public Dictionary<string, string> SymptomOfByDedupKey { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Group key → the incident the group opened, while its grouping window may still add to it.</summary>
    [Id(7)] public Dictionary<string, OpenGroup> OpenGroups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>New groups held for the grouping wait.</summary>
    [Id(8)] public Dictionary<string, PendingGroup> PendingGroups { get; set; } = new(StringComparer.Ordinal);

    /// <summary>This service's own newest incidents, newest last: what a downstream symptom may attach to.</summary>
    [Id(9)] public List<string> RecentIncidents { get; set; } = [];

    [Id(10)] public SortedSet<string> Dependents { get; set; } = new(StringComparer.Ordinal);
    [Id(11)] public List<MaintenanceWindow> MaintenanceWindows { get; set; } = [];
    [Id(12)] public List<SuppressedAlert> RecentlySuppressed { get; set; } = [];
    [Id(13)] public long SuppressedCount { get; set; }
    [Id(14)] public HeartbeatMonitor? Heartbeat { get; set; }
    [Id(15)] public DateTimeOffset LastHeartbeatAt { get; set; }

    /// <summary>Incidents numbered up to this are known to have delivered their opening's events.</summary>
    [Id(16)] public long OpeningEventsDeliveredUpTo { get; set; }

    /// <summary>Changes let through running freezes; dropped with the freezes they overrode.</summary>
    [Id(17)] public List<ChangeFreezeOverride> FreezeOverrides { get; set; } = [];
}
