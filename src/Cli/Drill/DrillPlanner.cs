namespace IncidentActors.Cli.Drill;

/// <summary>
/// Turns a scenario and a seed into its plan. The seed's random numbers are drawn in one fixed order (alert jitter in
/// file order, then each alert's answer delay for each responder in file order), so nothing the cluster does changes them.
/// The escalation model is the API's: level 1 is paged when the incident opens, each level left unacknowledged for its
/// window pages the next, the levels run again <c>repeats</c> times, and an acknowledgement stops it; a follow-the-sun
/// boundary hands every incident paged through the rotation to the incoming responder.
/// </summary>
public static class DrillPlanner
{
    public static DrillPlan Plan(Scenario scenario, int seed)
    {
        var random = new Random(seed);
        var jittered = scenario.Alerts
            .Select((a, index) => (Alert: a, Index: index, At: a.At + Milliseconds(random.NextDouble() * scenario.AlertJitter.TotalMilliseconds)))
            .ToList();
        var answers = new List<PlannedAnswer>();
        var delays = new Dictionary<(string, string), TimeSpan?>();
        foreach (var alert in scenario.Alerts)
        {
            foreach (var responder in scenario.Responders)
            {
                TimeSpan? delay = responder.Answers
                    ? responder.AcknowledgeMin!.Value + Milliseconds(random.NextDouble() * (responder.AcknowledgeMax!.Value - responder.AcknowledgeMin.Value).TotalMilliseconds)
                    : null;
                delays[(alert.Name, responder.Id)] = delay;
            }
        }

        var alerts = new List<PlannedAlert>();
        var pages = new List<PlannedPage>();
        var opened = new Dictionary<string, string>(StringComparer.Ordinal); // service -> alert of its incident
        var pagedThrough = new List<(string Alert, string Rotation, TimeSpan At)>();
        foreach (var (alert, _, at) in jittered.OrderBy(j => j.At).ThenBy(j => j.Index))
        {
            if (Upstream(scenario, alert.Service, opened) is { } upstream)
            {
                alerts.Add(new PlannedAlert(alert, at, false, upstream));
                // Kept in case the cluster opens an incident for it after all: its responders still answer as drawn.
                answers.AddRange(scenario.Responders.Select(r => new PlannedAnswer(alert.Name, r.Id, false, delays[(alert.Name, r.Id)], null)));
                continue;
            }
            opened[alert.Service] = alert.Name;
            alerts.Add(new PlannedAlert(alert, at, true, null));
            var unit = scenario.UnitOf(alert.Service).Id;
            var policy = scenario.Policies.FirstOrDefault(p => p.Id == scenario.Service(alert.Service).Policy);
            if (policy is null)
            {
                continue;
            }
            var acknowledgedAt = TimeSpan.MaxValue;
            string? acknowledger = null;
            var answered = new HashSet<string>(StringComparer.Ordinal);
            var step = at;
            for (var round = 0; round <= policy.Repeats && step < acknowledgedAt && step < scenario.Duration; round++)
            {
                for (var level = 0; level < policy.Levels.Count && step < acknowledgedAt && step < scenario.Duration; level++)
                {
                    var paged = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var target in policy.Levels[level].Targets)
                    {
                        var rotation = target.Rotation is { } id ? scenario.Rotations.Single(r => r.Id == id) : null;
                        var responder = rotation?.OnCallAt(step).Responder ?? target.Responder!;
                        if (rotation is not null)
                        {
                            pagedThrough.Add((alert.Name, rotation.Id, step));
                        }
                        if (!paged.Add(responder))
                        {
                            continue;
                        }
                        pages.Add(new PlannedPage(alert.Name, unit, responder, $"L{level + 1}/R{round + 1}", step));
                        if (answered.Add(responder) && delays[(alert.Name, responder)] is { } delay && step + delay < acknowledgedAt)
                        {
                            acknowledgedAt = step + delay;
                            acknowledger = responder;
                        }
                    }
                    step += policy.Levels[level].AcknowledgeWithin;
                }
            }
            foreach (var responder in scenario.Responders)
            {
                var acknowledges = responder.Id == acknowledger && acknowledgedAt < scenario.Duration;
                answers.Add(new PlannedAnswer(alert.Name, responder.Id, false, delays[(alert.Name, responder.Id)], acknowledges ? acknowledgedAt : null));
            }
        }

        foreach (var rotation in scenario.Rotations)
        {
            for (var shift = 1; shift < rotation.FollowTheSun.Count; shift++)
            {
                var boundary = rotation.FollowTheSun[shift].From;
                var incoming = rotation.FollowTheSun[shift].Responder;
                if (boundary >= scenario.Duration || incoming == rotation.FollowTheSun[shift - 1].Responder)
                {
                    continue;
                }
                foreach (var alert in pagedThrough.Where(p => p.Rotation == rotation.Id && p.At < boundary).Select(p => p.Alert).Distinct())
                {
                    var unit = scenario.UnitOf(scenario.Alerts.Single(a => a.Name == alert).Service).Id;
                    pages.Add(new PlannedPage(alert, unit, incoming, $"handover/{rotation.Id}", boundary, rotation.Id));
                    var delay = delays[(alert, incoming)]!.Value;
                    answers.Add(new PlannedAnswer(alert, incoming, true, delay, boundary + delay < scenario.Duration ? boundary + delay : null));
                }
            }
        }
        return new DrillPlan(scenario, seed, alerts, pages, answers);
    }

    // The service, or one it depends on transitively, holds an incident a planned alert opened: the alert is its symptom.
    private static string? Upstream(Scenario scenario, string service, Dictionary<string, string> opened)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(scenario.Service(service).DependsOn);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }
            if (opened.TryGetValue(next, out var alert))
            {
                return alert;
            }
            foreach (var dependency in scenario.Service(next).DependsOn)
            {
                queue.Enqueue(dependency);
            }
        }
        return null;
    }

    private static TimeSpan Milliseconds(double value) => TimeSpan.FromMilliseconds(Math.Round(value));
}
