using System.Collections.Immutable;
using IncidentActors.Access;
using IncidentActors.Alerts;
using IncidentActors.BusinessUnits;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Responders;
using IncidentActors.Runbooks;
using IncidentActors.Services;
using IncidentActors.Testing;
using IncidentActors.Tests.Cluster;
using Xunit;

namespace IncidentActors.Tests.Runbooks;

/// <summary>
/// Runbook runs on a fake clock against a real loopback automation endpoint: approvals by another person, applied once
/// whenever they come; a breaker that opens after failures in a row, rolls back, pages and is reset by a person only;
/// preconditions, change freezes and dry runs that call nothing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunbookExecutionTests(AzuriteFixture azurite) : FakeClockClusterTest(azurite)
{
    private const string Secret = "runbook-secret-0123456789";
    private const string RunbookId = "restart-api";

    [Fact]
    public async Task HighRiskStepRunsOnlyOnceAnotherCommanderApprovedItAndApprovingTwiceActsOnce()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var (unit, incident) = await IncidentAsync();
        await DefineAsync(unit, Automated(endpoint, "collect"), Automated(endpoint, "restart", highRisk: true));
        var run = await StartAsync(incident, "rick");

        var waiting = await UntilAsync(run, RunbookExecutionStatus.AwaitingApproval);
        var before = await run.Get();
        await Assert.ThrowsAsync<PermissionDeniedException>(() => run.ApproveStep(2, Person("rick", Role.Commander, unit)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => run.ApproveStep(2, Person("rita", Role.Responder, unit)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => run.ApproveStep(2, Integration("ci-key", unit)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => run.ApproveStep(1, Person("carol", Role.Commander, unit)));
        var unchanged = await run.Get();
        Assert.Equal((before.Status, 0, before.Results.Length), (unchanged.Status, unchanged.Approvals.Length, unchanged.Results.Length));
        await Task.WhenAll(run.ApproveStep(2, Person("carol", Role.Commander, unit)), run.ApproveStep(2, Person("carol", Role.Commander, unit)));
        var done = await UntilAsync(run, RunbookExecutionStatus.Completed);

        var id = incident.GetPrimaryKeyString();
        Assert.Equal(2, waiting.NextStep);
        Assert.Equal([$"{id}/{RunbookId}@v1/1/1"], endpoint.KeysOf("collect"));
        Assert.Equal([$"{id}/{RunbookId}@v1/2/1"], endpoint.KeysOf("restart"));
        var request = endpoint.Requests.Last();
        Assert.True(WebhookSignature.Verify(Secret, request.Headers[WebhookSignature.TimestampHeader], request.Headers[WebhookSignature.SignatureHeader],
            request.Body, Clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.Equal("carol", Assert.Single(done.Approvals).ApprovedBy);
        Assert.Equal("carol", done.Results.Single(r => r.Step == 2).ApprovedBy);
        var timeline = (await incident.Get()).Timeline;
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.RunbookStepApproved);
        var restarted = timeline.Single(e => e.Kind == TimelineEntryKind.RunbookStepDone && e.Message.Contains("step 2", StringComparison.Ordinal));
        Assert.Contains("(by hand, approved by carol)", restarted.Message);
        Assert.Contains($"POST {endpoint.Job("restart")} with host=api-1 answered HTTP 200", restarted.Message);
        Assert.Contains($"key {id}/{RunbookId}@v1/2/1", restarted.Message);
        Assert.Single(timeline, e => e.Kind == TimelineEntryKind.RunbookFinished);
    }

    [Fact]
    public async Task ApprovalArrivingWhileTheRunWaitsElsewhereIsKeptAndAppliedOnceWhenTheStepComes()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var (unit, incident) = await IncidentAsync();
        await DefineAsync(unit, Manual("check", "restart", "wait"), Automated(endpoint, "restart", highRisk: true));
        var run = await StartAsync(incident, "rick");
        await UntilAsync(run, RunbookExecutionStatus.AwaitingPerson);

        var early = await run.ApproveStep(2, Person("carol", Role.Commander, unit));
        var again = await run.ApproveStep(2, Person("carol", Role.Commander, unit));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => run.CompleteManualStep(1, "reboot", null, Person("rick", Role.Responder, unit)));
        await run.CompleteManualStep(1, "restart", "dashboard red", Person("rick", Role.Responder, unit));
        var done = await UntilAsync(run, RunbookExecutionStatus.Completed);

        Assert.Equal((RunbookExecutionStatus.AwaitingPerson, 1, 1), (early.Status, early.Approvals.Length, again.Approvals.Length));
        Assert.Equal("option", Assert.Single(refused.Violations).Field);
        Assert.Equal("restart", done.Results.Single(r => r.Step == 1).Option);
        Assert.Single(endpoint.KeysOf("restart"));
        var approved = Assert.Single((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.RunbookStepApproved);
        Assert.EndsWith("ahead of the run reaching it", approved.Message);
    }

    [Fact]
    public async Task BreakerOpensAfterFailuresInARowRollsBackPagesTheCommanderAndOnlyAPersonResetsIt()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        endpoint.Script("flaky", 503, 503);
        var (unit, incident) = await IncidentAsync();
        await incident.AssignRole(IncidentRole.Commander, "carol", new ResponderAction("alice", null));
        await DefineAsync(unit, Automated(endpoint, "drain", rollback: "undrain"), Automated(endpoint, "flaky"));
        var run = await StartAsync(incident, "rick");

        await Eventually.True(async () =>
        {
            Clock.Advance(TimeSpan.FromSeconds(1));
            return (await run.Get()).Status == RunbookExecutionStatus.Halted;
        }, what: "the breaker");
        Clock.Advance(TimeSpan.FromMinutes(10));
        await Clock.SettleAsync(Grains, incident);
        var halted = await run.Get();
        var calls = endpoint.Requests.Count;
        await Assert.ThrowsAsync<PermissionDeniedException>(() => run.ResetBreaker(null, Integration("ci-key", unit)));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => run.ResetBreaker(null, Person("rita", Role.Responder, unit)));
        await run.ResetBreaker("endpoint fixed", Person("carol", Role.Commander, unit));
        var done = await UntilAsync(run, RunbookExecutionStatus.Completed);

        var id = incident.GetPrimaryKeyString();
        Assert.Equal((2, 2, 4), (halted.Breaker.ConsecutiveFailures, halted.Breaker.Threshold, calls));
        Assert.StartsWith("2 failed calls in a row at step 2 'flaky'", halted.Breaker.OpenReason);
        Assert.Equal([$"{id}/{RunbookId}@v1/2/1", $"{id}/{RunbookId}@v1/2/1", $"{id}/{RunbookId}@v1/2/2"], endpoint.KeysOf("flaky"));
        Assert.Equal([$"{id}/{RunbookId}@v1/1/1/rollback"], endpoint.KeysOf("undrain"));
        Assert.Equal([$"{id}/{RunbookId}@v1/1/1", $"{id}/{RunbookId}@v1/1/2"], endpoint.KeysOf("drain"));
        Assert.Equal(2, done.Run);
        var view = await incident.Get();
        var opened = Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.RunbookBreakerOpened);
        Assert.EndsWith("paged carol", opened.Message);
        Assert.Contains(view.Pages, p => p.ResponderId == "carol" && p.IdempotencyKey.StartsWith($"{id}/runbook/", StringComparison.Ordinal));
        Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.RunbookRolledBack);
        Assert.Equal("carol", Assert.Single(view.Timeline, e => e.Kind == TimelineEntryKind.RunbookBreakerReset).Actor);
    }

    [Fact]
    public async Task UnclassifiedIncidentOpensTheBreakerOfARunbookThatRequiresClassificationAndCallsNothing()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var (unit, incident) = await IncidentAsync();
        await DefineAsync(unit, [Automated(endpoint, "collect")], new RunbookPreconditions(IncidentSeverity.Sev4, [], RequireClassification: true));
        var run = await StartAsync(incident, "rick");

        var halted = await UntilAsync(run, RunbookExecutionStatus.Halted);

        Assert.Equal("low-confidence classification: no rule of the unit classified the incident", halted.Breaker.OpenReason);
        Assert.Empty(endpoint.Requests);
        Assert.Single((await incident.Get()).Timeline, e => e.Kind == TimelineEntryKind.RunbookBreakerOpened);
    }

    [Fact]
    public async Task ChangeFreezeOnTheServiceRefusesAutomation()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var (unit, incident) = await IncidentAsync();
        var service = (await incident.Get()).ServiceId;
        await Grains.GetGrain<IServiceGrain>(service).RecordChangeFreeze(new ChangeFreeze("earlier-major", Clock.GetUtcNow(), Clock.GetUtcNow().AddHours(24)));
        await DefineAsync(unit, Automated(endpoint, "collect"));
        var run = await StartAsync(incident, "rick");

        var halted = await UntilAsync(run, RunbookExecutionStatus.Halted);

        Assert.StartsWith($"change freeze: Service '{service}' is under a change freeze", halted.Breaker.OpenReason);
        Assert.Empty(endpoint.Requests);
    }

    [Fact]
    public async Task DryRunCallsNothingAndReportsWhatEachStepWouldDo()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var (unit, incident) = await IncidentAsync();
        await DefineAsync(unit, Manual("check", "restart", "wait"), Automated(endpoint, "restart", highRisk: true, rollback: "undo"));
        var run = Grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(incident.GetPrimaryKeyString(), RunbookId));
        await run.Start(new RunbookStart(RunbookId, "rick", "by hand", DryRun: true));

        var done = await UntilAsync(run, RunbookExecutionStatus.Completed);

        Assert.Empty(endpoint.Requests);
        Assert.All(done.Results, r => Assert.Equal(RunbookStepOutcome.WouldRun, r.Outcome));
        Assert.Equal("would ask a person: Check the dashboard (options: restart, wait)", done.Results[0].Detail);
        Assert.Equal($"would call POST {endpoint.Job("restart")} with host=api-1 once approved by a commander or admin who did not start the run; " +
            $"rollback POST {endpoint.Job("undo")} with no inputs", done.Results[1].Detail);
        var timeline = (await incident.Get()).Timeline;
        Assert.Equal(2, timeline.Count(e => e.Kind == TimelineEntryKind.RunbookStepDone && e.Message.Contains("(dry run)", StringComparison.Ordinal)));
        Assert.EndsWith("(dry run: nothing was called)", timeline.Single(e => e.Kind == TimelineEntryKind.RunbookFinished).Message);
    }

    [Fact]
    public async Task OpeningAnIncidentOfItsCategoryStartsARunbookByRuleAndOneWhoseTriggerDoesNotMatchIsSkipped()
    {
        await using var endpoint = await AutomationEndpoint.StartAsync();
        var unit = await UnitAsync();
        var units = Grains.GetGrain<IUnitRunbooksGrain>(unit);
        await units.Define(Runbook(unit, [Automated(endpoint, "collect")]) with
        {
            Id = "diagnostics", Triggers = [new RunbookTrigger(RunbookTriggerKind.Category, OpeningRules.UncategorizedCategory)],
        }, "ada");
        await units.Define(Runbook(unit, [Automated(endpoint, "other")]) with
        {
            Id = "classified-only", Triggers = [new RunbookTrigger(RunbookTriggerKind.Classification, "database-rule")],
        }, "ada");

        var incident = await Cluster.Alerts.OpenIncidentAsync(Grains, unit);
        var id = incident.GetPrimaryKeyString();
        var diagnostics = Grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(id, "diagnostics"));
        var classified = Grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(id, "classified-only"));
        var done = await UntilAsync(diagnostics, RunbookExecutionStatus.Completed);
        var skipped = await UntilAsync(classified, RunbookExecutionStatus.Skipped);

        Assert.Equal((RunbookRules.RuleActor, $"rule: category {OpeningRules.UncategorizedCategory}"), (done.RequestedBy, done.Trigger));
        Assert.Equal([$"{id}/diagnostics@v1/1/1"], endpoint.KeysOf("collect"));
        Assert.Equal("the incident matches none of its triggers", skipped.Note);
        Assert.Empty(endpoint.KeysOf("other"));
    }

    [Fact]
    public async Task InvalidDefinitionNamesItsFieldsAndStoresNothing()
    {
        var unit = await UnitAsync();
        var units = Grains.GetGrain<IUnitRunbooksGrain>(unit);
        var bad = Runbook(unit, [new RunbookStep("restart", RunbookStepKind.Automated, "", [], null, null, true), Manual("restart")]) with
        {
            Id = "a/b", Secret = "short", BreakerThreshold = 11,
        };

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => units.Define(bad, "ada"));

        Assert.Equal(["runbook.breaker_threshold", "runbook.id", "runbook.secret", "runbook.steps[0].action", "runbook.steps[1].name"],
            refused.Violations.Select(v => v.Field).Order(StringComparer.Ordinal));
        Assert.Empty(await units.List());
    }

    private async Task<IRunbookExecutionGrain> StartAsync(IIncidentGrain incident, string by)
    {
        var run = Grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(incident.GetPrimaryKeyString(), RunbookId));
        await run.Start(new RunbookStart(RunbookId, by, "by hand", DryRun: false));
        return run;
    }

    private Task<RunbookExecutionView> UntilAsync(IRunbookExecutionGrain run, RunbookExecutionStatus status) => Eventually.Get(() =>
    {
        Clock.Advance(TimeSpan.Zero);
        return run.Get();
    }, v => v.Status == status, what: status.ToString());

    private async Task<(string Unit, IIncidentGrain Incident)> IncidentAsync()
    {
        var unit = await UnitAsync();
        return (unit, await Cluster.Alerts.OpenIncidentAsync(Grains, unit, severity: AlertSeverity.Error));
    }

    private async Task<string> UnitAsync()
    {
        var unit = AzuriteFixture.UniqueName("unit");
        await Grains.GetGrain<IBusinessUnitGrain>(unit).Define(new BusinessUnitDefinition(unit, unit, TestClusters.Region,
            BusinessUnitDefaults.Sre, BusinessUnitDefaults.StandardMatrix, [], [], ["cio"]));
        return unit;
    }

    private Task DefineAsync(string unit, params RunbookStep[] steps) => DefineAsync(unit, steps, RunbookPreconditions.None);

    private Task DefineAsync(string unit, RunbookStep[] steps, RunbookPreconditions preconditions) =>
        Grains.GetGrain<IUnitRunbooksGrain>(unit).Define(Runbook(unit, steps) with { Preconditions = preconditions }, "ada");

    private static RunbookDefinition Runbook(string unit, RunbookStep[] steps) =>
        new(RunbookId, unit, "Restart the API", [], [], [.. steps], RunbookPreconditions.None, [], Secret, BreakerThreshold: 2, AutomateDrills: false);

    private static RunbookStep Automated(AutomationEndpoint endpoint, string job, bool highRisk = false, string? rollback = null) =>
        new(job, RunbookStepKind.Automated, "", [], new RunbookAction(endpoint.Job(job), [new RunbookInput("host", "api-1")]),
            rollback is null ? null : new RunbookAction(endpoint.Job(rollback), []), highRisk);

    private static RunbookStep Manual(string name, params string[] options) =>
        new(name, RunbookStepKind.Manual, "Check the dashboard", [.. options], null, null, false);

    private static Principal Person(string id, Role role, string unit) => new(id, PrincipalKind.Person, [new RoleGrant(role, unit)], [], []);

    /// <summary>An integration key that even holds a commander's role: approvals and resets are still a person's.</summary>
    private static Principal Integration(string id, string unit) =>
        new(id, PrincipalKind.Integration, [new RoleGrant(Role.Commander, unit), new RoleGrant(Role.Integration, unit)], [], ImmutableArray<string>.Empty);
}
