using IncidentActors.BusinessUnits;

namespace IncidentActors.Incidents;

/// <summary>
/// Which duty clocks run: each time limit of the incident's severity runs from opening until its duty is met. Missed
/// once, the people on the incident are reminded and get the same time again; missed twice, the incident escalates.
/// </summary>
internal static class DutyClockRules
{
    /// <summary>The limits of the current severity whose duty is still open; none once resolved.</summary>
    public static List<ResponseTimeLimit> Wanted(IncidentState state, IncidentSeverity severity) =>
        state.Status == IncidentStatus.Resolved ? [] : state.TimeLimits.Where(l => l.Severity == severity && !Met(state, l.Duty)).ToList();

    /// <summary>Measured from opening, and due at once if that is past.</summary>
    public static DateTimeOffset Due(DateTimeOffset openedAt, ResponseTimeLimit limit, DateTimeOffset now) =>
        openedAt + limit.Within < now ? now : openedAt + limit.Within;

    /// <summary>The running clock a fired deadline is for, or null when it is stale, early, or the incident is resolved.</summary>
    public static DutyClock? Fired(IncidentState state, ResponseDuty duty, DateTimeOffset due, DateTimeOffset now) =>
        state.Clocks.Find(c => c.Duty == duty) is { } running && running.Due == due && now >= due && state.Status != IncidentStatus.Resolved ? running : null;

    public static bool Met(IncidentState state, ResponseDuty duty) => duty == ResponseDuty.ImpactAssessment
        ? state.Impact is not null
        : state.Roles.Exists(r => (int)r.Role == (int)duty);

    /// <summary>Whoever carries the incident now: its commander, else who acknowledged it, else who the current step paged.</summary>
    public static List<string> Carriers(IncidentState state) =>
        state.Roles.Find(r => r.Role == IncidentRole.Commander)?.ResponderId is { } commander ? [commander]
        : state.AcknowledgedBy is { } acknowledger ? [acknowledger]
        : state.Step is { } step ? state.Pages.Where(p => p.Level == step.Level + 1 && p.Round == step.Round + 1).Select(p => p.ResponderId).Distinct().ToList()
        : [];

    /// <summary>What was missed, as the timeline says it, and the limit's time, which a reminder grants again.</summary>
    public static (string Missed, TimeSpan Within) Missed(IncidentState state, IncidentSeverity severity, ResponseDuty duty)
    {
        var within = state.TimeLimits.First(l => l.Duty == duty && l.Severity == severity).Within;
        return ($"{ImpactAssessments.SeverityName(severity)}: {MissedDuty(duty)} within {within.TotalMinutes:0.#} min of opening", within);
    }

    private static string MissedDuty(ResponseDuty duty) => duty == ResponseDuty.ImpactAssessment
        ? "impact not assessed"
        : $"no {Roles.Name((IncidentRole)(int)duty).ToLowerInvariant()}";
}
