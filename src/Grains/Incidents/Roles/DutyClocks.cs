using IncidentActors.BusinessUnits;
using IncidentActors.Escalation;

namespace IncidentActors.Incidents;

/// <summary>Runs the incident's duty clocks as durable deadlines, as <see cref="DutyClockRules"/> calls for them.</summary>
internal static class DutyClocks
{
    /// <summary>Runs a clock for every limit whose duty is still open and stops the clocks no longer called for.</summary>
    public static async Task SetAsync(IncidentContext incident, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var wanted = DutyClockRules.Wanted(s, incident.EffectiveSeverity);
        foreach (var stale in s.Clocks.Where(c => !wanted.Exists(l => l.Duty == c.Duty)).ToList())
        {
            Stop(incident, stale.Duty);
        }
        foreach (var limit in wanted.Where(l => !s.Clocks.Exists(c => c.Duty == l.Duty)))
        {
            var due = DutyClockRules.Due(s.OpenedAt, limit, now);
            s.Clocks.Add(new DutyClock(limit.Duty, due, Misses: 0));
            await incident.ArmAsync(new DutyDeadline(limit.Duty), due, cancellationToken);
        }
    }

    public static void Stop(IncidentContext incident, ResponseDuty duty)
    {
        if (incident.State.Clocks.RemoveAll(c => c.Duty == duty) > 0)
        {
            incident.DisarmAfterStore(new DutyDeadline(duty));
        }
    }

    /// <summary>Missed once, whoever carries the incident is reminded; missed again, the engine decides whether it escalates.</summary>
    public static async Task<bool> OnDeadlineAsync(IncidentContext incident, DutyDeadline deadline, DateTimeOffset due, CancellationToken cancellationToken)
    {
        var s = incident.State;
        var now = incident.Now;
        if (!incident.Exists || DutyClockRules.Fired(s, deadline.Duty, due, now) is not { } running)
        {
            return false;
        }
        var (missed, within) = DutyClockRules.Missed(s, incident.EffectiveSeverity, running.Duty);
        if (running.Misses == 0)
        {
            await RemindAsync(incident, running, missed, within, now, cancellationToken);
            return true;
        }
        s.Clocks.Remove(running);
        return await IncidentEscalation.ApplyAsync(incident, EscalationEngine.DutyMissedAgain(s.Policy, s.Step, missed), now, cancellationToken);
    }

    /// <summary>Missed once: whoever carries the incident is reminded, and the clock gets the same time again.</summary>
    private static async Task RemindAsync(IncidentContext incident, DutyClock running, string missed, TimeSpan within, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var s = incident.State;
        var reminded = DutyClockRules.Carriers(s);
        await incident.PageAsync(reminded, _ => $"{incident.IncidentId}/reminder/{running.Duty}", missed, now, cancellationToken);
        s.Clocks[s.Clocks.IndexOf(running)] = running with { Due = now + within, Misses = 1 };
        incident.Append(now, "clock", TimelineEntryKind.TimeLimitMissed,
            $"{missed}; reminded {(reminded.Count == 0 ? "nobody (nobody is on the incident yet)" : string.Join(", ", reminded))}.");
        await incident.ArmAsync(new DutyDeadline(running.Duty), now + within, cancellationToken);
    }
}
