using System.Collections.Immutable;
using IncidentActors.BusinessUnits;
using IncidentActors.Communications;
using IncidentActors.Reviews;

namespace IncidentActors.Incidents;

/// <summary>
/// The update cadence: while an incident of a severity the unit gave an interval is open, an update is owed every
/// interval from the last published one (from opening for the first). Missed once, the updates' owner is paged;
/// missed again and every time after, the unit's leads too. The cadence is a durable deadline.
/// </summary>
internal static class UpdateCadences
{
    public static TimeSpan? Interval(IncidentState state, IncidentSeverity severity) =>
        state.UpdateIntervals.Find(i => i.Severity == severity)?.Every;

    /// <summary>When the update after one published now would be owed; templates call it next_update_at.</summary>
    public static DateTimeOffset? NextDueAfterUpdate(IncidentState state, IncidentSeverity severity, DateTimeOffset now) =>
        state.Status != IncidentStatus.Resolved && Interval(state, severity) is { } every ? now + every : null;

    /// <summary>Starts the cadence when one is owed and none runs (an opening, a severity raised); armed before the write, as commands arm.</summary>
    public static async Task<bool> StartIfOwedAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        var s = incident.State;
        if (s.Cadence is not null || NextDueAfterUpdate(s, incident.EffectiveSeverity, incident.Now) is not { } due)
        {
            return false;
        }
        s.Cadence = new UpdateCadence(due, Misses: 0);
        await incident.ArmAsync(UpdateCadenceDeadline.Instance, due, cancellationToken);
        return true;
    }

    /// <summary>An update was published: the next one is owed a whole interval from now, and the misses are forgiven.</summary>
    public static async Task RestartAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var wasRunning = s.Cadence is not null;
        s.Cadence = null;
        // Arming again replaces the armed deadline; only a cadence that stops needs its deadline disarmed.
        if (!await StartIfOwedAsync(incident, cancellationToken) && wasRunning)
        {
            incident.DisarmAfterStore(UpdateCadenceDeadline.Instance);
        }
    }

    /// <summary>
    /// The cadence deadline fired. Returns whether the incident changed, and when to arm the deadline again once stored:
    /// the fired one stays in its shard until this call returns, so a crash before the store fires it again.
    /// </summary>
    public static async Task<(bool Changed, DateTimeOffset? ArmAt)> OnDeadlineAsync(IncidentContext incident, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var now = incident.Now;
        if (!incident.Exists || s.Cadence is not { } cadence)
        {
            return (false, null);
        }
        if (now < cadence.Due)
        {
            // Stale: the arming that replaced it may have been lost after the write; armed again so the shard keeps it.
            return (false, cadence.Due);
        }
        if (NextDueAfterUpdate(s, incident.EffectiveSeverity, now) is not { } next)
        {
            // Resolved, or no longer of a severity that owes updates.
            s.Cadence = null;
            return (true, null);
        }
        var misses = cadence.Misses + 1;
        var owner = CommunicationRules.Owner(s) is { } lead ? [lead] : DutyClockRules.Carriers(s);
        var escalated = misses >= 2 ? await UnitLeads.FindAsync(incident.Grains, s.BusinessUnitId, cancellationToken) : [];
        ImmutableArray<string> paged = [.. owner.Concat(escalated).Distinct(StringComparer.Ordinal)];
        var interval = next - now;
        var missed = $"No update within {interval.TotalMinutes:0.#} min ({ImpactAssessments.SeverityName(incident.EffectiveSeverity)}), {misses} in a row";
        await incident.PageAsync(paged, person => $"{incident.IncidentId}/update-overdue/{misses}/{person}", missed, now, cancellationToken);
        s.Cadence = new UpdateCadence(next, misses);
        incident.Append(now, "clock", misses >= 2 ? TimelineEntryKind.UpdateOverdueEscalated : TimelineEntryKind.UpdateOverdue,
            $"{missed}; paged {(paged.IsEmpty ? "nobody (nobody is on the incident yet)" : string.Join(", ", paged))}.",
            new UpdateOverdue(misses, cadence.Due, paged));
        return (true, next);
    }
}
