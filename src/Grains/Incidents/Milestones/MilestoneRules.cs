using IncidentActors.BusinessUnits;
using IncidentActors.Errors;

namespace IncidentActors.Incidents;

/// <summary>
/// Keeps an incident's canonical milestones as it moves: detected from its alert, opened, and the first entry into the
/// lifecycle's acknowledged, mitigated and resolved phases. A reopen clears resolved (the next resolution counts) and is
/// counted; later entries never move a milestone already reached, only a commander's correction does.
/// </summary>
internal static class MilestoneRules
{
    /// <summary>The stored milestones, or those the status times of an incident stored before milestones give.</summary>
    public static IncidentMilestones Of(IncidentState s) =>
        s.Milestones ?? new IncidentMilestones(s.OpenedAt, s.OpenedAt, s.AcknowledgedAt, null, s.ResolvedAt);

    /// <summary>A start reported after the opening (a clock ahead of ours) cannot be: the opening stands in for it.</summary>
    public static void Open(IncidentState s, DateTimeOffset? startedAt, DateTimeOffset now) =>
        s.Milestones = new IncidentMilestones(startedAt is { } started && started < now ? started : now, now);

    /// <summary>Called before the move, while the status is still the one it leaves.</summary>
    public static void Enter(IncidentState s, LifecyclePhase phase, DateTimeOffset now)
    {
        var m = Of(s);
        var wasResolved = s.Status == IncidentStatus.Resolved;
        s.Milestones = phase switch
        {
            LifecyclePhase.Resolved or LifecyclePhase.Closed => m with { ResolvedAt = m.ResolvedAt ?? now },
            _ when wasResolved => Reopened(m, phase, now),
            LifecyclePhase.Acknowledged => m with { AcknowledgedAt = m.AcknowledgedAt ?? now },
            LifecyclePhase.Mitigated => m with { AcknowledgedAt = m.AcknowledgedAt ?? now, MitigatedAt = m.MitigatedAt ?? now },
            _ => m,
        };
    }

    /// <summary>
    /// A commander's correction, refused unless the milestones stay in order (detected ≤ opened ≤ acknowledged ≤
    /// mitigated ≤ resolved) and the milestone was reached; true when it changed anything.
    /// </summary>
    public static bool Correct(IncidentContext incident, Milestone milestone, DateTimeOffset at, ResponderAction action)
    {
        incident.EnsureExists();
        var s = incident.State;
        var now = incident.Now;
        var m = Of(s);
        IncidentInput.Check(v =>
        {
            if (!Enum.IsDefined(milestone))
            {
                v.Add(new("milestone", $"'{milestone}' is not a milestone; use detected, opened, acknowledged, mitigated or resolved."));
            }
            else if (m.At(milestone) is null)
            {
                v.Add(new("milestone", $"incident '{incident.IncidentId}' has not been {milestone.ToString().ToLowerInvariant()}; only a reached milestone can be corrected."));
            }
            if (at > now)
            {
                v.Add(new("at", $"{at:O} is in the future."));
            }
        });
        var corrected = With(m, milestone, at);
        if (OutOfOrder(corrected) is { } fault)
        {
            throw new InvalidRequestException("at", fault);
        }
        if (corrected == m)
        {
            return false;
        }
        s.Milestones = corrected;
        incident.Append(now, action.ResponderId, TimelineEntryKind.MilestoneCorrected,
            ResponderActions.WithNote($"Milestone {milestone.ToString().ToLowerInvariant()} corrected from {m.At(milestone):O} to {at:O}", action.Note));
        return true;
    }

    private static IncidentMilestones Reopened(IncidentMilestones m, LifecyclePhase phase, DateTimeOffset now) => m with
    {
        ResolvedAt = null,
        Reopens = m.Reopens + 1,
        AcknowledgedAt = m.AcknowledgedAt ?? now,
        MitigatedAt = phase == LifecyclePhase.Mitigated ? m.MitigatedAt ?? now : m.MitigatedAt,
    };

    private static IncidentMilestones With(IncidentMilestones m, Milestone milestone, DateTimeOffset at) => milestone switch
    {
        Milestone.Detected => m with { DetectedAt = at },
        Milestone.Opened => m with { OpenedAt = at },
        Milestone.Acknowledged => m with { AcknowledgedAt = at },
        Milestone.Mitigated => m with { MitigatedAt = at },
        _ => m with { ResolvedAt = at },
    };

    private static string? OutOfOrder(IncidentMilestones m)
    {
        var reached = Enum.GetValues<Milestone>().Select(x => (Milestone: x, At: m.At(x))).Where(x => x.At is not null).ToList();
        for (var i = 1; i < reached.Count; i++)
        {
            if (reached[i].At < reached[i - 1].At)
            {
                return $"would put {reached[i].Milestone.ToString().ToLowerInvariant()} ({reached[i].At:O}) before " +
                    $"{reached[i - 1].Milestone.ToString().ToLowerInvariant()} ({reached[i - 1].At:O}); milestones keep their order.";
            }
        }
        return null;
    }
}
