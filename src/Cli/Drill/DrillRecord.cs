namespace IncidentActors.Cli.Drill;

/// <summary>
/// Everything one drill run observed, written beside its report as JSON: the report and its charts are made from this
/// alone, so a run can be re-reported, and two runs of one scenario compared line by line.
/// </summary>
/// <param name="Scenario">The scenario's name.</param>
/// <param name="Seed">The seed that fixed the simulated responders' choices and the alert jitter.</param>
/// <param name="DryRun">Nothing was sent: the record lists what would have happened.</param>
public sealed record DrillRecord(
    string Scenario,
    int Seed,
    bool DryRun,
    DateTimeOffset StartedAt,
    DateTimeOffset EndedAt,
    IReadOnlyList<DrillUnit> Units,
    IReadOnlyList<DrillIncident> Incidents,
    IReadOnlyList<PageLedgerEntry> Pages,
    IReadOnlyList<ChaosRecord> Chaos,
    IReadOnlyList<AssertionResult> Assertions,
    string? AbortedBecause = null);

/// <param name="Regions">The regions whose silos serve the unit.</param>
public sealed record DrillUnit(string Id, IReadOnlyList<string> Regions);

/// <summary>An incident the drill opened, as the cluster reported it at the end of the run.</summary>
/// <param name="Escalations">Escalation levels reached after the first.</param>
/// <param name="Handovers">Follow-the-sun handovers the incident went through.</param>
/// <param name="CentralCommandAt">When the enterprise-wide event it belongs to took central command of it.</param>
public sealed record DrillIncident(
    string Id,
    string Unit,
    string Service,
    DateTimeOffset OpenedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    int Escalations,
    int Handovers,
    DateTimeOffset? CentralCommandAt);

/// <summary>
/// One page by its idempotency key: expected when the scenario's policies say it must be sent, with every delivery the
/// simulated responders' receiver saw under that key. No delivery of an expected page is a lost page; more than one is
/// a duplicate.
/// </summary>
public sealed record PageLedgerEntry(
    string IdempotencyKey,
    string Unit,
    string Responder,
    string IncidentId,
    bool Expected,
    IReadOnlyList<DateTimeOffset> Deliveries,
    DateTimeOffset? AcknowledgedAt);

/// <summary>A fault the drill injected and when and why it was undone (never left in place).</summary>
/// <param name="Kind">e.g. <c>kill-silo</c>, <c>lose-region</c>, <c>stop-storage</c>.</param>
/// <param name="Target">The silo, region or storage it hit.</param>
/// <param name="UndoneBecause">e.g. <c>fault time up</c>, <c>stop condition: pages missing</c>, <c>drill aborted</c>.</param>
public sealed record ChaosRecord(
    string Kind,
    string Target,
    DateTimeOffset InjectedAt,
    DateTimeOffset? UndoneAt,
    string? UndoneBecause);

/// <summary>An expected outcome the scenario asserted, e.g. "nobody paged twice", and what the run showed.</summary>
public sealed record AssertionResult(string Expectation, bool Passed, string Detail);
