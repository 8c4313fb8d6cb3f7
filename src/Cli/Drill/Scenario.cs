namespace IncidentActors.Cli.Drill;

/// <summary>A drill as its YAML file describes it, checked: every offset is from the drill's start.</summary>
/// <param name="Regions">The regions of the cluster the drill starts, one silo each (a region named twice gets two).</param>
/// <param name="AlertJitter">Each alert is sent up to this much later than its <c>at</c>, by the seed.</param>
public sealed record Scenario(
    string Name,
    TimeSpan Duration,
    TimeSpan AlertJitter,
    IReadOnlyList<string> Regions,
    IReadOnlyList<ScenarioUnit> Units,
    IReadOnlyList<SimulatedResponder> Responders,
    IReadOnlyList<ScenarioRotation> Rotations,
    IReadOnlyList<ScenarioPolicy> Policies,
    IReadOnlyList<ScenarioAlert> Alerts,
    ScenarioEvent? Event,
    IReadOnlyList<ChaosFault> Chaos,
    StopConditions StopWhen,
    Expectations Expect)
{
    public ScenarioService Service(string id) => Units.SelectMany(u => u.Services).Single(s => s.Id == id);

    public ScenarioUnit UnitOf(string serviceId) => Units.Single(u => u.Services.Any(s => s.Id == serviceId));
}

public sealed record ScenarioUnit(string Id, string Region, IReadOnlyList<ScenarioService> Services);

/// <param name="DependsOn">Services it calls: its alerts while one of them (transitively) has an incident are symptoms.</param>
public sealed record ScenarioService(string Id, string Policy, IReadOnlyList<string> DependsOn);

/// <summary>A person the drill plays: acknowledges a page after a delay drawn uniformly from [min, max], or never answers.</summary>
public sealed record SimulatedResponder(string Id, TimeSpan? AcknowledgeMin, TimeSpan? AcknowledgeMax)
{
    public bool Answers => AcknowledgeMin is not null;
}

/// <summary>A follow-the-sun rotation: each shift's responder is on call from its offset until the next shift's.</summary>
public sealed record ScenarioRotation(string Id, IReadOnlyList<SunShift> FollowTheSun)
{
    public SunShift OnCallAt(TimeSpan offset) => FollowTheSun.Last(s => s.From <= offset);
}

public sealed record SunShift(string Region, string Responder, TimeSpan From);

public sealed record ScenarioPolicy(string Id, int Repeats, TimeSpan HandoverAcknowledgeWithin, IReadOnlyList<PolicyLevel> Levels);

public sealed record PolicyLevel(IReadOnlyList<PageTarget> Targets, TimeSpan AcknowledgeWithin);

/// <summary>Exactly one of a responder or a rotation.</summary>
public sealed record PageTarget(string? Responder, string? Rotation);

public sealed record ScenarioAlert(string Name, TimeSpan At, string Service, string Severity, string Summary);

/// <summary>An enterprise-wide event opened at <paramref name="At"/> that takes central command of the named alerts' incidents.</summary>
public sealed record ScenarioEvent(TimeSpan At, string Title, IReadOnlyList<string> Alerts);

/// <param name="Kind"><c>kill-silo</c> (target: a silo such as emea-1), <c>lose-region</c> (target: a region) or <c>stop-storage</c>.</param>
/// <param name="For">How long the fault stands before the drill undoes it.</param>
public sealed record ChaosFault(string Kind, string Target, TimeSpan At, TimeSpan For)
{
    public const string KillSilo = "kill-silo";
    public const string LoseRegion = "lose-region";
    public const string StopStorage = "stop-storage";
}

/// <param name="PagesMissingAfter">An expected page not delivered this long after it was due stops the drill.</param>
/// <param name="RealIncident">A non-drill incident in a unit under drill stops it.</param>
public sealed record StopConditions(TimeSpan PagesMissingAfter, bool RealIncident);

/// <param name="MttaUnder">Every incident expected to be acknowledged was, within this long of opening.</param>
public sealed record Expectations(bool NothingLost, bool NobodyPagedTwice, TimeSpan? MttaUnder);
