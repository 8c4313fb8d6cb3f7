using System.Globalization;

namespace IncidentActors.Cli.Drill;

/// <summary>
/// What a scenario will do under one seed, as offsets from the drill's start: when each alert is sent and what it
/// becomes, which pages the policies must send to whom (given who acknowledges when), the acknowledgements, the
/// enterprise-wide event and the chaos. The same scenario and seed always give the same plan, line for line.
/// </summary>
public sealed record DrillPlan(
    Scenario Scenario,
    int Seed,
    IReadOnlyList<PlannedAlert> Alerts,
    IReadOnlyList<PlannedPage> Pages,
    IReadOnlyList<PlannedAnswer> Answers)
{
    /// <summary>How long after being paged <paramref name="responder"/> answers for the incident of <paramref name="alert"/>; null: never.</summary>
    public TimeSpan? AnswerDelay(string alert, string responder) =>
        Answers.FirstOrDefault(a => a.Alert == alert && a.Responder == responder)?.Delay;

    /// <summary>The plan as text, one line per happening in time order, for dry runs and for comparing runs.</summary>
    public IReadOnlyList<string> Lines()
    {
        var lines = new List<(TimeSpan At, int Order, string Text)>();
        foreach (var a in Alerts)
        {
            lines.Add((a.At, 0, $"alert {a.Alert.Name} ({a.Alert.Severity}) to {a.Alert.Service}: {(a.OpensIncident ? "opens an incident" : $"symptom of {a.SymptomOf}")}"));
        }
        foreach (var p in Pages)
        {
            lines.Add((p.At, 1, $"page {p.Responder} for {p.Alert} ({p.Step})"));
        }
        foreach (var a in Answers.Where(a => a.At is not null))
        {
            lines.Add((a.At!.Value, 2, $"{a.Responder} {(a.Handover ? "accepts the handover of" : "acknowledges")} {a.Alert}"));
        }
        if (Scenario.Event is { } e)
        {
            lines.Add((e.At, 3, $"enterprise-wide event \"{e.Title}\" takes central command of {string.Join(", ", e.Alerts)}"));
        }
        foreach (var c in Scenario.Chaos)
        {
            lines.Add((c.At, 4, $"chaos: {c.Kind} {c.Target}"));
            lines.Add((c.At + c.For, 5, $"chaos undone: {c.Kind} {c.Target}"));
        }
        return [.. lines.OrderBy(l => l.At).ThenBy(l => l.Order).ThenBy(l => l.Text, StringComparer.Ordinal)
            .Select(l => $"T+{l.At.TotalSeconds.ToString("0000.000", CultureInfo.InvariantCulture)}s  {l.Text}")];
    }
}

/// <param name="At">The alert's <c>at</c> plus its seeded jitter.</param>
/// <param name="SymptomOf">The alert whose incident it lands on when it opens none.</param>
public sealed record PlannedAlert(ScenarioAlert Alert, TimeSpan At, bool OpensIncident, string? SymptomOf);

/// <summary>A page the policies must send.</summary>
/// <param name="Step">The page key's tail after the incident id: <c>L1/R1</c>, or <c>handover/&lt;rotation&gt;</c> at a boundary.</param>
public sealed record PlannedPage(string Alert, string Unit, string Responder, string Step, TimeSpan At, string? HandoverRotation = null);

/// <summary>A simulated responder's answer to a page: acknowledging the incident, or accepting its handover.</summary>
/// <param name="Delay">After the page reaches them; null when they never answer.</param>
/// <param name="At">When the plan expects it (null: never, or after the drill ends).</param>
public sealed record PlannedAnswer(string Alert, string Responder, bool Handover, TimeSpan? Delay, TimeSpan? At);
