using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Maps catalog entries, grouping, maintenance windows and heartbeats between the wire and the domain.</summary>
internal static class ServiceWireMapping
{
    public static Domain.Services.ServiceDefinition ToDomain(V1.RegisterServiceRequest request) => new(
        request.Id,
        request.Name,
        request.OwnerTeam,
        request.BusinessUnitId,
        WireMapping.Optional(request.EscalationPolicyId),
        WireMapping.Optional(request.Environment),
        [.. request.DependsOn],
        request.Impact == V1.BusinessImpact.Unspecified ? Domain.BusinessUnits.BusinessImpact.Moderate : BusinessUnitWireMapping.ToDomain(request.Impact),
        request.Grouping is { } grouping
            ? new Domain.Services.AlertGrouping([.. grouping.By], grouping.Window?.ToTimeSpan() ?? TimeSpan.Zero, grouping.Wait?.ToTimeSpan() ?? TimeSpan.Zero,
                grouping.IncidentPerAlert)
            : null);

    public static Domain.Services.MaintenanceWindow ToDomain(V1.MaintenanceWindow? window) => window is null
        ? new Domain.Services.MaintenanceWindow("", default, default, "", "")
        : new(window.Id, window.Start?.ToDateTimeOffset() ?? default, window.End?.ToDateTimeOffset() ?? default, window.Reason, window.ScheduledBy);

    public static V1.Service ToWire(Domain.Services.ServiceView view)
    {
        var definition = view.Definition;
        return new V1.Service
        {
            Id = definition.Id,
            Name = definition.Name,
            OwnerTeam = definition.OwnerTeam,
            BusinessUnitId = definition.BusinessUnitId,
            EscalationPolicyId = definition.EscalationPolicyId ?? "",
            RegisteredAt = Timestamp.FromDateTimeOffset(view.RegisteredAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(view.UpdatedAt),
            ChangeFreezes =
            {
                view.ActiveChangeFreezes.Select(f => new V1.ChangeFreeze
                {
                    IncidentId = f.IncidentId,
                    From = Timestamp.FromDateTimeOffset(f.From),
                    Until = Timestamp.FromDateTimeOffset(f.Until),
                }),
            },
            Environment = definition.Environment ?? Domain.Services.ServiceDefinition.DefaultEnvironment,
            DependsOn = { definition.DependsOn.IsDefault ? [] : definition.DependsOn },
            Impact = BusinessUnitWireMapping.ToWire(definition.Impact),
            Grouping = definition.Grouping is { } grouping
                ? new V1.AlertGrouping
                {
                    By = { grouping.By }, Window = Duration.FromTimeSpan(grouping.Window), Wait = Duration.FromTimeSpan(grouping.Wait),
                    IncidentPerAlert = grouping.IncidentPerAlert,
                }
                : null,
            Dependents = { view.Dependents },
            FreezeOverrides =
            {
                view.FreezeOverrides.IsDefault ? [] : view.FreezeOverrides.Select(o => new V1.ChangeFreezeOverride
                {
                    ChangeReference = o.ChangeReference, Reason = o.Reason, ApprovedBy = o.ApprovedBy,
                    At = Timestamp.FromDateTimeOffset(o.At), Until = Timestamp.FromDateTimeOffset(o.Until),
                }),
            },
            MaintenanceWindows =
            {
                view.MaintenanceWindows.Select(w => new V1.MaintenanceWindow
                {
                    Id = w.Id,
                    Start = Timestamp.FromDateTimeOffset(w.Start),
                    End = Timestamp.FromDateTimeOffset(w.End),
                    Reason = w.Reason,
                    ScheduledBy = w.ScheduledBy,
                }),
            },
            RecentlySuppressed =
            {
                view.RecentlySuppressed.Select(a => new V1.SuppressedAlert
                {
                    At = Timestamp.FromDateTimeOffset(a.At),
                    DedupKey = a.DedupKey,
                    Summary = a.Summary,
                    Severity = WireMapping.ToWire(a.Severity),
                    WindowId = a.WindowId,
                }),
            },
            SuppressedCount = view.SuppressedCount,
            Heartbeat = view.Heartbeat is { } heartbeat
                ? new V1.Heartbeat
                {
                    Interval = Duration.FromTimeSpan(heartbeat.Monitor.Interval),
                    Grace = Duration.FromTimeSpan(heartbeat.Monitor.Grace),
                    AutoResolve = heartbeat.Monitor.AutoResolve,
                    LastBeatAt = Timestamp.FromDateTimeOffset(heartbeat.LastBeatAt),
                    MissedAfter = Timestamp.FromDateTimeOffset(heartbeat.MissedAfter),
                    OpenIncidentId = heartbeat.OpenIncidentId ?? "",
                }
                : null,
            PendingGroups = view.PendingGroups,
        };
    }
}
