using System.Collections.Immutable;
using IncidentActors.Incidents;

namespace IncidentActors.StatusPages;

/// <summary>
/// How incident events change a unit's board. Idempotent by (incident, sequence): a change at or below the sequence held
/// is ignored. An update whose number is already held replaces that update's text (an edit). Resolved incidents leave
/// the board after <see cref="HistoryDays"/> days, and beyond <see cref="MaxResolved"/> the oldest go first.
/// </summary>
internal static class StatusBoardRules
{
    public const int HistoryDays = StatusBoard.HistoryDays;
    public const int MaxResolved = 2000;

    /// <summary>True when the board changed and must be stored.</summary>
    public static bool Apply(IDictionary<string, BoardIncident> incidents, StatusBoardChange change)
    {
        var summary = change.Incident;
        incidents.TryGetValue(summary.Id, out var held);
        if (held is not null && held.Sequence >= change.Sequence)
        {
            return false;
        }
        var updates = held?.Updates ?? [];
        foreach (var published in change.Updates.Where(u => held is null || u.Sequence > held.Sequence))
        {
            updates = Publish(updates, published);
        }
        var resolvedAt = summary.Status == IncidentStatus.Resolved ? held?.ResolvedAt ?? change.At : (DateTimeOffset?)null;
        var next = new BoardIncident(summary.Id, summary.ServiceId, summary.Title, summary.IncidentSeverity, summary.PublicStatus, summary.OpenedAt,
            resolvedAt, summary.RestrictedTo.IsDefault ? [] : summary.RestrictedTo, summary.Drill, change.Sequence, updates);
        if (held is not null && Shows(held) == Shows(next) && held.Updates == next.Updates)
        {
            // Nothing a page shows changed: not worth a write. A later redelivery of these events is still harmless.
            return false;
        }
        incidents[summary.Id] = next;
        return true;
    }

    /// <summary>Drops resolved incidents older than the history kept, and the oldest beyond its bound; true when any went.</summary>
    public static bool Prune(IDictionary<string, BoardIncident> incidents, DateTimeOffset now)
    {
        var cutoff = now.AddDays(-HistoryDays);
        var resolved = incidents.Values.Where(i => i.ResolvedAt is not null).OrderByDescending(i => i.ResolvedAt).ToList();
        var gone = resolved.Where((i, rank) => i.ResolvedAt < cutoff || rank >= MaxResolved).Select(i => i.Id).ToList();
        foreach (var id in gone)
        {
            incidents.Remove(id);
        }
        return gone.Count > 0;
    }

    private static ImmutableArray<BoardUpdate> Publish(ImmutableArray<BoardUpdate> updates, SequencedUpdate published)
    {
        var u = published.Update;
        var index = updates.IndexOf(updates.FirstOrDefault(x => x.Number == u.Number)!);
        return index < 0
            ? updates.Add(new BoardUpdate(u.Number, u.Audience, u.Subject, u.Body, u.PublishedAt))
            : updates.SetItem(index, updates[index] with { Audience = u.Audience, Subject = u.Subject, Body = u.Body, EditedAt = published.At });
    }

    /// <summary>The fields pages read, for comparing two versions of an incident; restricted groups compared by content.</summary>
    private static (string, string, BusinessUnits.IncidentSeverity?, Communications.PublicStatus, DateTimeOffset, DateTimeOffset?, string, bool) Shows(BoardIncident i) =>
        (i.ServiceId, i.Title, i.Severity, i.PublicStatus, i.OpenedAt, i.ResolvedAt, string.Join(',', i.RestrictedTo), i.Drill);
}
