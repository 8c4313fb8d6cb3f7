using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Intake;
using Microsoft.Extensions.Logging;

namespace IncidentActors.Services;

/// <summary>Maintenance windows and the heartbeat monitor of a service.</summary>
internal sealed partial class ServiceGrain
{
    public const string HeartbeatDedupKey = "heartbeat-lost";
    public const string HeartbeatIntegration = "heartbeat";
    private const string HeartbeatDeadline = "heartbeat";
    private const int MaxMaintenanceWindows = 50;
    private static readonly TimeSpan MaxMaintenanceLength = TimeSpan.FromDays(14);

    public async Task<ServiceView> ScheduleMaintenance(MaintenanceWindow window, CancellationToken cancellationToken = default)
    {
        var definition = RequireDefinition();
        var now = clock.GetUtcNow();
        var windows = state.State.MaintenanceWindows;
        ValidateWindow(window, now);
        if (windows.Find(w => w.Id == window.Id) is { } known)
        {
            return known == window ? View() : throw new InvalidRequestException("id", $"window '{window.Id}' is already scheduled with other times or reason.");
        }
        windows.RemoveAll(w => w.End <= now);
        if (windows.Count >= MaxMaintenanceWindows)
        {
            throw new InvalidRequestException("id", $"service '{definition.Id}' has {windows.Count} windows to come; at most {MaxMaintenanceWindows}.");
        }
        windows.Add(window);
        await state.WriteStateAsync(cancellationToken);
        logger.LogInformation("Maintenance window {WindowId} on {ServiceId} from {Start} to {End}", window.Id, ServiceId, window.Start, window.End);
        return View();
    }

    public async Task<ServiceView> EndMaintenance(string windowId, CancellationToken cancellationToken = default)
    {
        RequireDefinition();
        var now = clock.GetUtcNow();
        var windows = state.State.MaintenanceWindows;
        var index = windows.FindIndex(w => w.Id == windowId && w.End > now);
        if (index >= 0)
        {
            // Ended, not deleted: what it suppressed stays explained.
            windows[index] = windows[index] with { End = windows[index].Start > now ? windows[index].Start : now };
            await state.WriteStateAsync(cancellationToken);
        }
        return View();
    }

    public async Task<ServiceView> MonitorHeartbeat(HeartbeatMonitor monitor, CancellationToken cancellationToken = default)
    {
        RequireDefinition();
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        if (monitor.Interval < TimeSpan.FromSeconds(1) || monitor.Interval > TimeSpan.FromDays(7))
        {
            violations.Add(new("interval", "must be between 1 second and 7 days."));
        }
        if (monitor.Grace < TimeSpan.Zero || monitor.Grace > TimeSpan.FromDays(1))
        {
            violations.Add(new("grace", "must be between 0 and 1 day."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
        var now = clock.GetUtcNow();
        state.State.Heartbeat = monitor;
        state.State.LastHeartbeatAt = now;
        await ArmAsync(HeartbeatDeadline, monitor.MissedAfter(now), cancellationToken);
        await state.WriteStateAsync(cancellationToken);
        return View();
    }

    public async Task<ServiceView> Heartbeat(CancellationToken cancellationToken = default)
    {
        var planner = Planner();
        var monitor = state.State.Heartbeat
            ?? throw new IllegalTransitionException($"Service '{ServiceId}' has no heartbeat monitor; set one up first.");
        var now = clock.GetUtcNow();
        state.State.LastHeartbeatAt = now;
        await ArmAsync(HeartbeatDeadline, monitor.MissedAfter(now), cancellationToken);
        planner.Plan.Changed();
        if (monitor.AutoResolve && state.State.OpenIncidentByDedupKey.ContainsKey(HeartbeatDedupKey))
        {
            await ActOnOpenIncidentAsync(HeartbeatAlert(AlertAction.Resolve, $"Heartbeat received again at {now:u}."), planner, cancellationToken);
        }
        await CompleteAsync(planner, cancellationToken);
        return View();
    }

    /// <summary>No heartbeat within interval and grace: the lost heartbeat is a critical alert like any other.</summary>
    private async Task OnHeartbeatDeadlineAsync(CancellationToken cancellationToken)
    {
        var s = state.State;
        var now = clock.GetUtcNow();
        if (s.Definition is not { } definition || s.Heartbeat is not { } monitor || now < monitor.MissedAfter(s.LastHeartbeatAt))
        {
            return;
        }
        var planner = Planner();
        await TriggerAsync(HeartbeatAlert(AlertAction.Trigger, $"No heartbeat from {definition.Name} since {s.LastHeartbeatAt:u}."), IntakePlan.NoOutcome, planner, cancellationToken);
        await CompleteAsync(planner, cancellationToken);
    }

    private AlertEvent HeartbeatAlert(AlertAction action, string summary) =>
        new(ServiceId, action, HeartbeatDedupKey, summary, "heartbeat-monitor", AlertSeverity.Critical, null,
            ImmutableSortedDictionary<string, string>.Empty, HeartbeatIntegration, Category: "heartbeat");

    private static void ValidateWindow(MaintenanceWindow window, DateTimeOffset now)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        AlertValidator.Identifier(violations, "id", window.Id, required: true);
        AlertValidator.Text(violations, "reason", window.Reason, AlertValidator.MaxSummaryLength, required: true);
        AlertValidator.Identifier(violations, "scheduled_by", window.ScheduledBy, required: true);
        if (window.End <= window.Start)
        {
            violations.Add(new("end", "must be after start."));
        }
        else if (window.End - window.Start > MaxMaintenanceLength)
        {
            violations.Add(new("end", $"a window may last at most {MaxMaintenanceLength.TotalDays} days."));
        }
        if (window.End <= now)
        {
            violations.Add(new("end", "is in the past."));
        }
        if (violations.Count > 0)
        {
            throw new InvalidRequestException(violations.ToImmutable());
        }
    }
}
