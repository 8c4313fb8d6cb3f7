using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using IncidentActors.BusinessUnits;
using IncidentActors.Services;

namespace IncidentActors.StatusPages;

/// <summary>
/// What a page shows of its unit's board. A public page shows only incidents that are neither drills nor restricted and
/// have at least one published external update (audience customers or public), with those updates alone, titled by the
/// newest one's subject; an internal page shows every incident of its components with every published update.
/// Component status comes from the open incidents a page shows that are neither drills nor restricted, by severity:
/// SEV1 major outage, SEV2 partial outage, SEV3/SEV4 (or none decided) degraded performance; a running maintenance
/// window shows as under maintenance when no incident is worse.
/// </summary>
internal static class StatusPageContents
{
    public const int MaxHistory = 200;

    public static StatusPageContent Build(StatusPage page, StatusBoard board, IReadOnlyList<StatusComponent> components,
        IReadOnlyList<(string ServiceId, MaintenanceWindow Window)> windows, DateTimeOffset now)
    {
        var isPublic = page.Definition.Visibility == StatusPageVisibility.Public;
        var names = components.ToDictionary(c => c.ServiceId, c => c.DisplayName, StringComparer.Ordinal);
        var shown = board.Incidents.Where(i => names.ContainsKey(i.ServiceId)).Select(i => Show(i, names[i.ServiceId], isPublic))
            .OfType<PageIncident>().ToList();
        var cutoff = now.AddDays(-StatusBoardRules.HistoryDays);
        ImmutableArray<PageIncident> active = [.. shown.Where(i => i.ResolvedAt is null).OrderByDescending(i => i.OpenedAt).ThenBy(i => i.Id, StringComparer.Ordinal)];
        ImmutableArray<PageIncident> history = [.. shown.Where(i => i.ResolvedAt >= cutoff).OrderByDescending(i => i.ResolvedAt).ThenBy(i => i.Id, StringComparer.Ordinal).Take(MaxHistory)];
        ImmutableArray<PageMaintenance> maintenance = [.. windows.Where(w => names.ContainsKey(w.ServiceId) && w.Window.End > now)
            .Select(w => new PageMaintenance(w.Window.Id, names[w.ServiceId], w.Window.Start, w.Window.End, isPublic ? "" : w.Window.Reason, w.Window.CoversInstant(now)))
            .OrderBy(m => m.Start).ThenBy(m => m.Component, StringComparer.Ordinal)];
        ImmutableArray<ComponentStatus> statuses = [.. components.Select(c => new ComponentStatus(c.ServiceId, c.DisplayName, StateOf(c, active, maintenance)))];
        var lastModified = new[] { page.DefinedAt, board.UpdatedAt }.Concat(maintenance.Where(m => m.InProgress).Select(m => m.Start)).Max();
        return new StatusPageContent(page, VersionOf(page, board, statuses, history, maintenance), lastModified, statuses, active, history, maintenance);
    }

    public static ComponentState ImpactOf(IncidentSeverity? severity) => severity switch
    {
        IncidentSeverity.Sev1 => ComponentState.MajorOutage,
        IncidentSeverity.Sev2 => ComponentState.PartialOutage,
        _ => ComponentState.DegradedPerformance,
    };

    private static PageIncident? Show(BoardIncident incident, string component, bool isPublic)
    {
        var updates = incident.Updates.Where(u => !isPublic || u.IsExternal).OrderByDescending(u => u.PublishedAt).ThenByDescending(u => u.Number).ToImmutableArray();
        if (isPublic && (incident.Drill || incident.IsRestricted || updates.IsEmpty))
        {
            return null;
        }
        return new PageIncident(incident.Id, isPublic ? updates[0].Subject : incident.Title, component, ImpactOf(incident.Severity), incident.PublicStatus,
            incident.OpenedAt, incident.ResolvedAt, incident.Drill, incident.RestrictedTo, updates);
    }

    private static ComponentState StateOf(StatusComponent component, ImmutableArray<PageIncident> active, ImmutableArray<PageMaintenance> maintenance)
    {
        var state = maintenance.Any(m => m.InProgress && m.Component == component.DisplayName) ? ComponentState.UnderMaintenance : ComponentState.Operational;
        foreach (var incident in active.Where(i => i.Component == component.DisplayName && !i.Drill && i.RestrictedTo.IsDefaultOrEmpty))
        {
            state = incident.Impact > state ? incident.Impact : state;
        }
        return state;
    }

    /// <summary>Changes whenever anything shown does; readable only as a whole (it ends up in ETags).</summary>
    private static string VersionOf(StatusPage page, StatusBoard board, ImmutableArray<ComponentStatus> components,
        ImmutableArray<PageIncident> history, ImmutableArray<PageMaintenance> maintenance)
    {
        var key = new StringBuilder().Append(page.Definition.Id).Append('/').Append(page.Version).Append('/').Append(board.Version).Append('/').Append(history.Length);
        foreach (var c in components)
        {
            key.Append('|').Append(c.ServiceId).Append('=').Append(c.DisplayName).Append(':').Append((int)c.State);
        }
        foreach (var m in maintenance)
        {
            key.Append('|').Append(m.Id).Append(m.Start.UtcTicks).Append('-').Append(m.End.UtcTicks).Append(m.InProgress).Append(m.Reason);
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())))[..24];
    }
}
