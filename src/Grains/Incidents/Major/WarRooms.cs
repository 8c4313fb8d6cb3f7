using System.Globalization;

namespace IncidentActors.Incidents;

/// <summary>
/// What a major incident keeps of its war room, which its war-room grain provisions outside the incident's calls: the
/// room once opened, with how long it took against the unit's target, or the target missed, once, with whoever carries
/// the incident (its commander, else who acknowledged it, else who its current step paged) paged about it.
/// </summary>
internal static class WarRooms
{
    public const string Actor = "war-room";

    /// <summary>False when a room is recorded already: a retried report, or a second room, which is never kept.</summary>
    public static bool Record(IncidentContext incident, WarRoom room)
    {
        incident.EnsureExists();
        if (incident.State.WarRoom is not null)
        {
            return false;
        }
        incident.State.WarRoom = room;
        incident.Append(room.OpenedAt, Actor, TimelineEntryKind.WarRoomOpened,
            $"War room opened in {Span(room.Took)} (target {Span(room.Target)}): {(room.Channel is { } channel ? $"{channel} " : "")}{room.Url}");
        return true;
    }

    /// <summary>False when the room opened meanwhile, the miss was recorded before, or the incident is resolved and needs no room.</summary>
    public static async Task<bool> OverdueAsync(IncidentContext incident, TimeSpan target, string? lastError, CancellationToken cancellationToken)
    {
        incident.EnsureExists();
        var s = incident.State;
        if (s.WarRoom is not null || s.WarRoomOverdueAt is not null || s.Status == IncidentStatus.Resolved)
        {
            return false;
        }
        var now = incident.Now;
        var told = DutyClockRules.Carriers(s);
        await incident.PageAsync(told, person => $"{incident.IncidentId}/war-room/{person}", $"no war room {Span(target)} after the major incident was declared", now,
            cancellationToken);
        s.WarRoomOverdueAt = now;
        incident.Append(now, Actor, TimelineEntryKind.WarRoomOverdue,
            $"No war room within the target of {Span(target)}{(lastError is null ? "" : $" (last attempt: {lastError})")}; " +
            $"paged {(told.Count == 0 ? "nobody (no one carries the incident)" : string.Join(", ", told))}");
        return true;
    }

    /// <summary>"42 s", "5 min", "1 min 30 s": whole seconds, as people read a target.</summary>
    public static string Span(TimeSpan span)
    {
        var seconds = (long)Math.Round(span.TotalSeconds);
        var (minutes, rest) = (seconds / 60, seconds % 60);
        return (minutes, rest) switch
        {
            (0, _) => $"{rest.ToString(CultureInfo.InvariantCulture)} s",
            (_, 0) => $"{minutes.ToString(CultureInfo.InvariantCulture)} min",
            _ => $"{minutes.ToString(CultureInfo.InvariantCulture)} min {rest.ToString(CultureInfo.InvariantCulture)} s",
        };
    }
}
