namespace IncidentActors.Cli.Drill;

/// <summary>The scenario's expected outcomes, judged from the run's record alone (its ledger and read-back incidents).</summary>
public static class DrillAssertions
{
    public static IReadOnlyList<AssertionResult> Evaluate(DrillPlan plan, DrillRecord record)
    {
        var expect = plan.Scenario.Expect;
        var results = new List<AssertionResult>();
        var expected = record.Pages.Where(p => p.Expected).ToList();
        if (expect.NothingLost)
        {
            var lost = expected.Where(p => p.Deliveries.Count == 0).Select(p => $"{p.IdempotencyKey} to {p.Responder}").ToList();
            var opening = plan.Alerts.Count(a => a.OpensIncident);
            var missingIncidents = opening - record.Incidents.Count;
            results.Add(new AssertionResult("nothing lost", lost.Count == 0 && missingIncidents <= 0,
                $"{expected.Count - lost.Count} of {expected.Count} expected pages delivered; {record.Incidents.Count} of {opening} incidents read back" +
                (lost.Count > 0 ? $"; lost: {string.Join(", ", lost)}" : "")));
        }
        if (expect.NobodyPagedTwice)
        {
            var twice = record.Pages.Where(p => p.Deliveries.Count > 1).Select(p => $"{p.IdempotencyKey} to {p.Responder} ({p.Deliveries.Count}x)").ToList();
            results.Add(new AssertionResult("nobody paged twice", twice.Count == 0,
                twice.Count == 0 ? $"{record.Pages.Sum(p => p.Deliveries.Count)} deliveries, each key once per responder" : $"duplicates: {string.Join(", ", twice)}"));
        }
        if (expect.MttaUnder is { } limit)
        {
            var planned = plan.Answers.Where(a => !a.Handover && a.At is not null).Select(a => a.Alert).ToHashSet(StringComparer.Ordinal);
            var openedBy = plan.Alerts.Where(a => a.OpensIncident).Select(a => a.Alert.Name).ToList();
            var times = record.Incidents.Where(i => i.AcknowledgedAt is not null).Select(i => i.AcknowledgedAt!.Value - i.OpenedAt).ToList();
            var unacknowledged = record.Incidents.Count(i => i.AcknowledgedAt is null);
            var mustBeAcknowledged = openedBy.Count(planned.Contains);
            var worst = times.Count > 0 ? times.Max() : TimeSpan.Zero;
            results.Add(new AssertionResult($"MTTA under {limit.TotalSeconds:0} s", times.Count >= mustBeAcknowledged && worst < limit,
                $"{times.Count} acknowledged (the plan expects {mustBeAcknowledged}), {unacknowledged} not; longest {worst.TotalSeconds:0.0} s"));
        }
        if (record.Chaos.Count > 0)
        {
            var standing = record.Chaos.Where(c => c.UndoneAt is null).Select(c => $"{c.Kind} {c.Target}").ToList();
            results.Add(new AssertionResult("every fault undone", standing.Count == 0,
                standing.Count == 0 ? string.Join("; ", record.Chaos.Select(c => $"{c.Kind} {c.Target} undone ({c.UndoneBecause})")) : $"still standing: {string.Join(", ", standing)}"));
        }
        if (record.AbortedBecause is { } reason)
        {
            results.Add(new AssertionResult("ran to the end", false, reason));
        }
        return results;
    }
}
