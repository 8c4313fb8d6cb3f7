using IncidentActors.BusinessUnits;
using IncidentActors.Incidents;

namespace IncidentActors.Command;

[GenerateSerializer, Alias("IncidentActors.Command.EnterpriseEventState")]
public sealed class EnterpriseEventState
{
    [Id(0)] public string Title { get; set; } = "";
    [Id(1)] public string Commander { get; set; } = "";
    [Id(2)] public DateTimeOffset OpenedAt { get; set; }
    [Id(3)] public DateTimeOffset? ClosedAt { get; set; }
    [Id(4)] public IncidentSeverity? Severity { get; set; }
    [Id(5)] public List<EventChild> Children { get; set; } = [];
    [Id(6)] public List<EventCommunication> Communications { get; set; } = [];
    [Id(7)] public List<TimelineEntry> Timeline { get; set; } = [];
    [Id(40)] public List<CentralUpdate> Updates { get; set; } = [];
    [Id(50)] public string? CentralRotationId { get; set; }
    [Id(51)] public DateTimeOffset? NextCentralBoundary { get; set; }
    [Id(52)] public PendingCentralHandover? PendingCentralHandover { get; set; }
}
