using System.Collections.Immutable;
using IncidentActors.Alerts;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Intake;
using IncidentActors.Services;
using Xunit;

namespace IncidentActors.Tests.Intake;

/// <summary>The intake planner's decisions, one disposition each, with the answers of other grains played by the test.</summary>
public sealed class IntakePlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly AlertGrouping ByComponent = new(["component"], TimeSpan.FromMinutes(5), TimeSpan.FromSeconds(30));

    private readonly ServiceState _state = new();

    private static ServiceDefinition Checkout(AlertGrouping? grouping = null, params string[] dependsOn) =>
        new("checkout", "Checkout", "web", "retail", Environment: "production", DependsOn: [.. dependsOn], Grouping: grouping);

    private static AlertEvent Trigger(string dedupKey, string component = "api", AlertSeverity severity = AlertSeverity.Error) =>
        new("checkout", AlertAction.Trigger, dedupKey, "HTTP 5xx above 5%", "prometheus", severity, component,
            ImmutableSortedDictionary<string, string>.Empty, "grpc");

    private static AlertEvent Act(AlertAction action, string dedupKey) =>
        new("checkout", action, dedupKey, "", "", AlertSeverity.Info, null, ImmutableSortedDictionary<string, string>.Empty, "grpc");

    private static TriggerResult Accepted(int alertCount) => new(Accepted: true, Opened: false, IncidentStatus.Triggered, alertCount);

    private static readonly TriggerResult Refused = new(Accepted: false, Opened: false, IncidentStatus.Resolved, 0);

    private IntakePlanner Planner(ServiceDefinition? definition = null, int outcomes = 0) =>
        new("checkout", _state, definition ?? Checkout(), new IntakeOptions(), new AlertOutcome[outcomes]);

    private static AlertOutcome Outcome(IntakeDecision decision) => Assert.IsType<IntakeDecision.Settled>(decision).Outcome;

    [Fact]
    public void NewDedupKeyOpensAnIncidentNumberedByTheService()
    {
        var planner = Planner();

        var outcome = Outcome(planner.Trigger(Trigger("k1"), 0, T0));

        Assert.Equal((AlertDisposition.Opened, "checkout-1"), (outcome.Disposition, outcome.IncidentId));
        Assert.Equal("checkout-1", _state.OpenIncidentByDedupKey["k1"]);
        Assert.Equal(["checkout-1"], _state.RecentIncidents);
        var opening = Assert.Single(planner.Plan.Openings);
        Assert.Equal(("checkout-1", 1), (opening.IncidentId, opening.Alerts.Count));
        Assert.True(planner.Plan.IsChanged);
    }

    [Fact]
    public void AlertWithoutDedupKeyGetsAKeyOfItsOwn()
    {
        var outcome = Outcome(Planner().Trigger(Trigger("k1") with { DedupKey = null }, 0, T0));

        Assert.Equal(AlertDisposition.Opened, outcome.Disposition);
        Assert.False(string.IsNullOrEmpty(outcome.DedupKey));
    }

    [Fact]
    public void RepeatOfAnOpenKeyIsCountedOnItsIncidentWithoutChangingState()
    {
        _state.OpenIncidentByDedupKey["k1"] = "checkout-1";
        var planner = Planner();

        var ask = Assert.IsType<IntakeDecision.CountRepeat>(planner.Trigger(Trigger("k1"), 0, T0));
        var outcome = Outcome(planner.Answer(ask, Accepted(alertCount: 2)));

        Assert.Equal("checkout-1", ask.IncidentId);
        Assert.Equal((AlertDisposition.Deduplicated, "checkout-1", 2), (outcome.Disposition, outcome.IncidentId, outcome.AlertCount));
        Assert.False(planner.Plan.IsChanged);
    }

    [Fact]
    public void RepeatOfAKeyWhoseIncidentWasResolvedOpensANewIncident()
    {
        _state.OpenIncidentByDedupKey["k1"] = "checkout-1";
        _state.LastIncidentNumber = 1;
        var planner = Planner();

        var ask = planner.Trigger(Trigger("k1"), 0, T0);
        var outcome = Outcome(planner.Answer(ask, Refused));

        Assert.Equal((AlertDisposition.Opened, "checkout-2"), (outcome.Disposition, outcome.IncidentId));
        Assert.Equal("checkout-2", _state.OpenIncidentByDedupKey["k1"]);
    }

    [Fact]
    public void RepeatInTheSameBatchJoinsTheIncidentTheBatchOpens()
    {
        var planner = Planner(outcomes: 2);

        planner.Trigger(Trigger("k1"), 0, T0);
        var repeat = Outcome(planner.Trigger(Trigger("k1"), 1, T0));

        Assert.Equal((AlertDisposition.Deduplicated, "checkout-1"), (repeat.Disposition, repeat.IncidentId));
        var opening = Assert.Single(planner.Plan.Openings);
        Assert.Equal(2, opening.Alerts.Count);
        Assert.Equal([0, 1], opening.Outcomes);
    }

    [Fact]
    public void NewKeyOfAGroupOpenedWithinTheWindowJoinsItsIncident()
    {
        var definition = Checkout(ByComponent);
        var planner = Planner(definition);
        _state.OpenGroups[AlertGroupKey.Of(Trigger("k1"), ByComponent)] = new OpenGroup("checkout-1", T0.AddMinutes(-4));

        var ask = Assert.IsType<IntakeDecision.JoinGroup>(planner.Trigger(Trigger("k2"), 0, T0));
        var outcome = Outcome(planner.Answer(ask, Accepted(alertCount: 2)));

        Assert.Equal((AlertDisposition.Grouped, "checkout-1", 2), (outcome.Disposition, outcome.IncidentId, outcome.AlertCount));
        Assert.Equal("checkout-1", _state.OpenIncidentByDedupKey["k2"]);
    }

    [Fact]
    public void GroupOpenedLongerAgoThanTheWindowGetsANewIncident()
    {
        var planner = Planner(Checkout(ByComponent));
        _state.OpenGroups[AlertGroupKey.Of(Trigger("k1"), ByComponent)] = new OpenGroup("checkout-1", T0.AddMinutes(-6));
        _state.LastIncidentNumber = 1;

        var outcome = Outcome(planner.Trigger(Trigger("k2"), 0, T0));

        Assert.Equal((AlertDisposition.Opened, "checkout-2"), (outcome.Disposition, outcome.IncidentId));
        Assert.Equal("checkout-2", _state.OpenGroups[AlertGroupKey.Of(Trigger("k2"), ByComponent)].IncidentId);
    }

    [Fact]
    public void AlertOfADependentServiceIsASymptomOfTheOpenUpstreamIncident()
    {
        var planner = Planner(Checkout(ByComponent, "payments-db"));

        var find = Assert.IsType<IntakeDecision.FindUpstreamRoot>(planner.Trigger(Trigger("k1"), 0, T0));
        var attach = Assert.IsType<IntakeDecision.AttachSymptom>(planner.Answer(find, "payments-db-1"));
        var outcome = Outcome(planner.Answer(attach, Accepted(alertCount: 5)));

        Assert.Equal((AlertDisposition.Symptom, "payments-db-1", 5), (outcome.Disposition, outcome.IncidentId, outcome.AlertCount));
        Assert.Equal("payments-db-1", _state.SymptomOfByDedupKey["k1"]);
        Assert.Empty(planner.Plan.Openings);
    }

    [Fact]
    public void RepeatOfASymptomIsCountedOnTheUpstreamIncidentUntilThatOneIsResolved()
    {
        _state.SymptomOfByDedupKey["k1"] = "payments-db-1";
        var planner = Planner();

        var count = Assert.IsType<IntakeDecision.CountSymptom>(planner.Trigger(Trigger("k1"), 0, T0));
        Assert.Equal(AlertDisposition.Symptom, Outcome(planner.Answer(count, Accepted(alertCount: 6))).Disposition);

        var again = planner.Trigger(Trigger("k1"), 0, T0);
        Assert.Equal(AlertDisposition.Opened, Outcome(planner.Answer(again, Refused)).Disposition);
        Assert.False(_state.SymptomOfByDedupKey.ContainsKey("k1"));
    }

    [Fact]
    public void WithNothingOpenUpstreamANewGroupIsHeldForTheWait()
    {
        var planner = Planner(Checkout(ByComponent, "payments-db"));

        var find = Assert.IsType<IntakeDecision.FindUpstreamRoot>(planner.Trigger(Trigger("k1"), 0, T0));
        var outcome = Outcome(planner.Answer(find, rootId: null));

        Assert.Equal((AlertDisposition.Pending, null, 1), (outcome.Disposition, outcome.IncidentId, outcome.AlertCount));
        var held = Assert.Single(_state.PendingGroups).Value;
        Assert.Equal(T0.AddSeconds(30), held.Until);
        Assert.True(planner.Plan.GroupingToArm);
    }

    [Fact]
    public void AlertsOfAHeldGroupJoinItAndItsRepeatsOnlyCount()
    {
        _state.PendingGroups[AlertGroupKey.Of(Trigger("k1"), ByComponent)] = new PendingGroup { Until = T0.AddSeconds(30), Alerts = [Trigger("k1")] };
        var planner = Planner(Checkout(ByComponent, "payments-db"));

        var repeat = Outcome(planner.Trigger(Trigger("k1"), 0, T0));
        Assert.Equal((AlertDisposition.Pending, 2), (repeat.Disposition, repeat.AlertCount));
        // A repeat rides along with the next write.
        Assert.False(planner.Plan.IsChanged);

        var joined = Outcome(planner.Trigger(Trigger("k2"), 1, T0));
        Assert.Equal((AlertDisposition.Pending, 3), (joined.Disposition, joined.AlertCount));
        Assert.True(planner.Plan.IsChanged);
    }

    [Fact]
    public void HeldGroupWhoseWaitEndedOpensTheIncidentStoredWithIt()
    {
        var groupKey = AlertGroupKey.Of(Trigger("k1"), ByComponent);
        var group = new PendingGroup { Until = T0, Alerts = [Trigger("k1"), Trigger("k2")], Repeats = 1, IncidentId = "checkout-7" };
        _state.PendingGroups[groupKey] = group;
        var planner = Planner(Checkout(ByComponent, "payments-db"));

        Assert.Equal(groupKey, Assert.Single(planner.DueGroups(T0)).Key);
        planner.OpenHeld(groupKey, group, group.Alerts, created: false, T0);

        var opening = Assert.Single(planner.Plan.Openings);
        // Both keys and the first one's held repeat.
        Assert.Equal(("checkout-7", 3), (opening.IncidentId, opening.Alerts.Count));
        Assert.Equal("checkout-7", _state.OpenIncidentByDedupKey["k2"]);
    }

    [Fact]
    public void NonCriticalAlertInAMaintenanceWindowIsSuppressedAndCriticalOneOpens()
    {
        _state.MaintenanceWindows.Add(new MaintenanceWindow("upgrade", T0.AddMinutes(-5), T0.AddMinutes(55), "database upgrade", "alice"));
        var planner = Planner();

        var suppressed = Outcome(planner.Trigger(Trigger("k1"), 0, T0));
        var critical = Outcome(planner.Trigger(Trigger("k2", severity: AlertSeverity.Critical), 0, T0));

        Assert.Equal((AlertDisposition.Suppressed, null), (suppressed.Disposition, suppressed.IncidentId));
        Assert.Equal(("k1", "upgrade"), (Assert.Single(_state.RecentlySuppressed).DedupKey, _state.RecentlySuppressed[0].WindowId));
        Assert.Equal(1, _state.SuppressedCount);
        Assert.Equal(AlertDisposition.Opened, critical.Disposition);
    }

    [Fact]
    public void RateLimitLetsTheHeadOfABatchInAndRefusesACallItLetsNothingOf()
    {
        var buckets = new Dictionary<string, TokenBucket>();
        var options = new IntakeOptions { AlertsPerSecond = 1, Burst = 2 };
        ImmutableArray<AlertEvent> batch = [Trigger("k1"), Trigger("k2"), Trigger("k3")];

        var (admitted, retryAfter) = IntakePlanner.Admit("checkout", batch, buckets, options, T0);
        Assert.Equal((2, TimeSpan.FromSeconds(1)), (admitted, retryAfter));

        var refused = Assert.Throws<RateLimitedException>(() => IntakePlanner.Admit("checkout", batch, buckets, options, T0));
        Assert.Equal(TimeSpan.FromSeconds(1), refused.RetryAfter);
        // Each integration has a limit of its own.
        Assert.Equal(1, IntakePlanner.Admit("checkout", [Trigger("k4") with { Integration = "alertmanager" }], buckets, options, T0).Admitted);
    }

    [Fact]
    public void BadBatchIsRefusedWholeNamingEachBadField()
    {
        ImmutableArray<AlertEvent> batch = [Trigger("k1"), Trigger("k2") with { Environment = "staging" }, Trigger("k3") with { Summary = "" }];

        var error = Assert.Throws<InvalidRequestException>(() => IntakePlanner.Check(batch, "checkout", Checkout()));

        Assert.Equal(["alerts[1].environment", "alerts[2].summary"], error.Violations.Select(v => v.Field).Order());
    }

    [Fact]
    public void BatchForAnUnknownServiceIsNotFoundOnceItIsWellFormed()
    {
        Assert.Throws<ResourceNotFoundException>(() => IntakePlanner.Check([Trigger("k1")], "checkout", definition: null));
        var error = Assert.Throws<InvalidRequestException>(() => IntakePlanner.Check([Trigger("k1"), Trigger("k2") with { Source = "" }], "checkout", definition: null));
        Assert.Equal("alerts[1].source", Assert.Single(error.Violations).Field);
    }

    [Fact]
    public void CheckedAlertsAreCompletedFromTheCatalog()
    {
        var completed = Assert.Single(IntakePlanner.Check([Trigger("k1")], "checkout", Checkout()));

        Assert.Equal(("production", "web"), (completed.Environment, completed.Owner));
    }

    [Fact]
    public void AlertmanagerGroupIsOneIncidentThatItsResolvedNotificationResolves()
    {
        var notification = new AlertGroupNotification("checkout", "{}:{alertname=\"HighLatency\"}",
            ImmutableSortedDictionary<string, string>.Empty.Add("alertname", "HighLatency"), ImmutableSortedDictionary<string, string>.Empty,
            [Trigger("fp1") with { Integration = "alertmanager" }, Trigger("fp2") with { Integration = "alertmanager" }]);
        var group = AlertmanagerGroups.AsOneAlert(notification, AlertGrouping.None)!;
        var planner = Planner();

        var opened = Outcome(planner.Trigger(group, 0, T0));
        var resolved = AlertmanagerGroups.AsOneAlert(notification with { Alerts = [.. notification.Alerts.Select(a => a with { Action = AlertAction.Resolve })] }, AlertGrouping.None)!;
        var resolve = Assert.IsType<IntakeDecision.Resolve>(planner.Act(resolved));

        Assert.Equal((AlertDisposition.Opened, "checkout-1", "[FIRING:2] HighLatency"), (opened.Disposition, opened.IncidentId, group.Summary));
        Assert.Equal(("checkout-1", true), (resolve.IncidentId, resolve.LastKey));
        Assert.Equal(AlertDisposition.Resolved, planner.Answer(resolve, (IncidentStatus.Resolved, 2)).Disposition);
    }

    [Fact]
    public void GroupedIncidentResolvesWithTheLastOfItsKeys()
    {
        _state.OpenIncidentByDedupKey["k1"] = "checkout-1";
        _state.OpenIncidentByDedupKey["k2"] = "checkout-1";
        var planner = Planner();

        var first = Assert.IsType<IntakeDecision.Resolve>(planner.Act(Act(AlertAction.Resolve, "k1")));
        var last = Assert.IsType<IntakeDecision.Resolve>(planner.Act(Act(AlertAction.Resolve, "k2")));

        Assert.False(first.LastKey);
        Assert.True(last.LastKey);
        Assert.Empty(_state.OpenIncidentByDedupKey);
    }

    [Fact]
    public void AcknowledgingAResolvedIncidentForgetsItsKey()
    {
        _state.OpenIncidentByDedupKey["k1"] = "checkout-1";
        var planner = Planner();

        var ask = Assert.IsType<IntakeDecision.Acknowledge>(planner.Act(Act(AlertAction.Acknowledge, "k1")));
        var outcome = planner.Answer(ask, incident: null);

        Assert.Equal(("checkout-1", "integration:grpc"), (ask.IncidentId, ask.Action.ResponderId));
        Assert.Equal((AlertDisposition.NoOpenIncident, IncidentStatus.Resolved), (outcome.Disposition, outcome.Status));
        Assert.Empty(_state.OpenIncidentByDedupKey);
    }

    [Fact]
    public void ResolvingASymptomOrAHeldAlertLeavesEveryIncidentAlone()
    {
        _state.SymptomOfByDedupKey["k1"] = "payments-db-1";
        _state.PendingGroups["g"] = new PendingGroup { Until = T0, Alerts = [Trigger("k2")] };
        var planner = Planner();

        var symptom = Outcome(planner.Act(Act(AlertAction.Resolve, "k1")));
        var held = Outcome(planner.Act(Act(AlertAction.Resolve, "k2")));

        Assert.Equal((AlertDisposition.NoOpenIncident, "payments-db-1"), (symptom.Disposition, symptom.IncidentId));
        Assert.Equal(AlertDisposition.NoOpenIncident, held.Disposition);
        Assert.Empty(_state.SymptomOfByDedupKey);
        Assert.Empty(_state.PendingGroups);
    }
}
