using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Testing;
using IncidentActors.Tests.EndToEnd;
using Xunit;

namespace IncidentActors.Tests.Runbooks;

/// <summary>
/// Runbooks over real gRPC to a running silo, against a real loopback automation endpoint: a refused definition changes
/// nothing, a high-risk step waits for another commander's approval, a breaker opens and only a person resets it, and
/// the endpoint sees each idempotency key once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunbookApiTests(AzuriteFixture azurite)
{
    private const string Secret = "runbook-secret-0123456789";

    [Fact]
    public async Task RunbookWithAnApprovalAndABreakerRunsAgainstARealEndpointWithEachKeyOnce()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        await using var endpoint = await AutomationEndpoint.StartAsync();
        endpoint.Script("broken", 500);
        var (unit, service) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("checkout"));
        var id = await silo.OpenIncidentAsync(service, unit, "down", "Checkout down");
        await silo.GrantAsync("ada", Role.UnitAdmin, unit);
        await silo.GrantAsync("carol", Role.Commander, unit);
        await silo.GrantAsync("rick", Role.Responder, unit);
        var (ada, carol, rick) = (Client(silo, "ada"), Client(silo, "carol"), Client(silo, "rick"));
        var key = await new Api.V1.Access.AccessClient(silo.Channel).IssueIntegrationKeyAsync(new IssueIntegrationKeyRequest { Name = "ci", BusinessUnitId = unit });
        var integration = new Api.V1.Runbooks.RunbooksClient(silo.ChannelFor(key.Secret));

        var refused = await Assert.ThrowsAsync<RpcException>(async () => await ada.DefineRunbookAsync(new DefineRunbookRequest
        {
            Runbook = new Runbook { Id = "restart-api", BusinessUnitId = unit, Steps = { new RunbookStep { Name = "restart", Kind = RunbookStepKind.Automated } } },
        }));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal(["runbook.secret", "runbook.steps[0].action", "runbook.title"], RpcStatus.Fields(refused).Order(StringComparer.Ordinal));
        Assert.Empty((await ada.ListRunbooksAsync(new ListRunbooksRequest { BusinessUnitId = unit })).Runbooks);

        var defined = await ada.DefineRunbookAsync(new DefineRunbookRequest { Runbook = Restart(unit, endpoint) });
        await ada.DefineRunbookAsync(new DefineRunbookRequest
        {
            Runbook = new Runbook
            {
                Id = "flush-cache", BusinessUnitId = unit, Title = "Flush the cache", Secret = Secret, BreakerThreshold = 1,
                Steps = { new RunbookStep { Name = "flush", Kind = RunbookStepKind.Automated, Action = new RunbookAction { Url = endpoint.Job("broken") } } },
            },
        });
        Assert.Equal((1, "********", "ada"), (defined.Version, defined.Secret, defined.DefinedBy));

        // A high-risk step waits for a commander or admin who did not start the run.
        await carol.StartRunbookAsync(new StartRunbookRequest { IncidentId = id, RunbookId = "restart-api" });
        await Until(carol, id, "restart-api", RunbookExecutionStatus.AwaitingApproval);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await carol.ApproveStepAsync(Approve(id))));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await rick.ApproveStepAsync(Approve(id))));
        Assert.Equal(StatusCode.InvalidArgument, await RpcStatus.Of(async () => await ada.ApproveStepAsync(Approve(id, step: 9))));
        await ada.ApproveStepAsync(Approve(id));
        await ada.ApproveStepAsync(Approve(id));
        var done = await Until(carol, id, "restart-api", RunbookExecutionStatus.Completed);

        // The breaker opens on the first failure and only a person who commands the unit resets it.
        await rick.StartRunbookAsync(new StartRunbookRequest { IncidentId = id, RunbookId = "flush-cache" });
        var halted = await Until(rick, id, "flush-cache", RunbookExecutionStatus.Halted);
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await integration.ResetBreakerAsync(Action(id, "flush-cache"))));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await rick.ResetBreakerAsync(Action(id, "flush-cache"))));
        await carol.ResetBreakerAsync(new RunbookActionRequest { IncidentId = id, RunbookId = "flush-cache", Note = "cache node replaced" });
        var flushed = await Until(rick, id, "flush-cache", RunbookExecutionStatus.Completed);

        Assert.Equal("ada", Assert.Single(done.Approvals).ApprovedBy);
        Assert.Equal(["collect", "restart"], done.Results.Select(r => r.StepName));
        Assert.True(halted.Breaker.Open);
        Assert.Equal("1 failed calls in a row at step 1 'flush' (last: POST " + endpoint.Job("broken") + " with no inputs answered HTTP 500)", halted.Breaker.Reason);
        Assert.Equal(2, flushed.Run);
        var keys = endpoint.Requests.Select(r => r.IdempotencyKey).ToList();
        Assert.Equal(keys.Distinct(), keys);
        Assert.Equal([$"{id}/restart-api@v1/1/1", $"{id}/restart-api@v1/2/1", $"{id}/flush-cache@v1/1/1", $"{id}/flush-cache@v1/1/2"], keys);
        var incident = await new Api.V1.Incidents.IncidentsClient(silo.Channel).GetIncidentAsync(new GetIncidentRequest { Id = id });
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.RunbookStepApproved && e.Actor == "ada");
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.RunbookBreakerOpened);
        Assert.Contains(incident.Timeline, e => e.Kind == TimelineEntryKind.RunbookBreakerReset && e.Actor == "carol");
        var audit = await new Api.V1.Audit.AuditClient(silo.Channel).ListAuditEntriesAsync(new ListAuditEntriesRequest { BusinessUnitId = unit });
        Assert.Contains(audit.Entries, e => (e.PrincipalId, e.Operation, e.Target, e.Outcome) == ("runbook:restart-api", "runbook/restart-api@v1/step/2", id, "OK"));
        Assert.Contains(audit.Entries, e => (e.PrincipalId, e.Operation, e.Outcome) == ("ada", "/incidentactors.v1.Runbooks/ApproveStep", "OK"));
    }

    [Fact]
    public async Task CallersOfAnotherUnitAndBadRequestsAreRefusedAndChangeNothing()
    {
        await using var silo = await RunningSilo.StartAsync(azurite);
        var (retail, bank) = (AzuriteFixture.UniqueName("retail"), AzuriteFixture.UniqueName("bank"));
        var id = await silo.OpenIncidentAsync(AzuriteFixture.UniqueName("checkout"), retail, "down", "Checkout down");
        await silo.GrantAsync("ada", Role.UnitAdmin, retail);
        await silo.GrantAsync("bob", Role.UnitAdmin, bank);
        var (ada, bob) = (Client(silo, "ada"), Client(silo, "bob"));
        var notes = new Runbook
        {
            Id = "notes", BusinessUnitId = retail, Title = "Take notes",
            Steps = { new RunbookStep { Name = "look", Kind = RunbookStepKind.Manual, Instructions = "Look at the graphs", Options = { "fine", "worse" } } },
        };
        await ada.DefineRunbookAsync(new DefineRunbookRequest { Runbook = notes });

        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await bob.GetRunbookAsync(new GetRunbookRequest { BusinessUnitId = retail, Id = "notes" })));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await bob.DefineRunbookAsync(new DefineRunbookRequest { Runbook = notes })));
        Assert.Equal(StatusCode.PermissionDenied, await RpcStatus.Of(async () => await bob.StartRunbookAsync(new StartRunbookRequest { IncidentId = id, RunbookId = "notes" })));
        Assert.Equal(StatusCode.NotFound, await RpcStatus.Of(async () => await ada.StartRunbookAsync(new StartRunbookRequest { IncidentId = id, RunbookId = "missing" })));
        Assert.Equal(StatusCode.NotFound, await RpcStatus.Of(async () => await ada.GetRunbookExecutionAsync(new RunbookExecutionRequest { IncidentId = id, RunbookId = "missing" })));
        foreach (var runbookId in new[] { "", "a/b" })
        {
            var refused = await Assert.ThrowsAsync<RpcException>(async () => await ada.StartRunbookAsync(new StartRunbookRequest { IncidentId = id, RunbookId = runbookId }));
            Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
            Assert.Equal(["runbook_id"], RpcStatus.Fields(refused));
        }
        Assert.Equal(1, (await ada.GetRunbookAsync(new GetRunbookRequest { BusinessUnitId = retail, Id = "notes" })).Version);

        await ada.StartRunbookAsync(new StartRunbookRequest { IncidentId = id, RunbookId = "notes" });
        await Until(ada, id, "notes", RunbookExecutionStatus.AwaitingPerson);
        var wrongStep = await Assert.ThrowsAsync<RpcException>(async () => await ada.CompleteManualStepAsync(Complete(id, 2, "fine")));
        var wrongOption = await Assert.ThrowsAsync<RpcException>(async () => await ada.CompleteManualStepAsync(Complete(id, 1, "better")));
        var waiting = await ada.GetRunbookExecutionAsync(new RunbookExecutionRequest { IncidentId = id, RunbookId = "notes" });
        await ada.CompleteManualStepAsync(Complete(id, 1, "worse"));
        var done = await Until(ada, id, "notes", RunbookExecutionStatus.Completed);

        Assert.Equal(["step"], RpcStatus.Fields(wrongStep));
        Assert.Equal(["option"], RpcStatus.Fields(wrongOption));
        Assert.Equal((RunbookExecutionStatus.AwaitingPerson, 0), (waiting.Status, waiting.Results.Count));
        Assert.Equal(("worse", "ada"), (Assert.Single(done.Results).Option, done.Results[0].Actor));
    }

    private static CompleteManualStepRequest Complete(string incidentId, int step, string option) =>
        new() { IncidentId = incidentId, RunbookId = "notes", Step = step, Option = option };

    private static Runbook Restart(string unit, AutomationEndpoint endpoint) => new()
    {
        Id = "restart-api", BusinessUnitId = unit, Title = "Restart the API", Secret = Secret,
        Steps =
        {
            new RunbookStep { Name = "collect", Kind = RunbookStepKind.Automated, Action = new RunbookAction { Url = endpoint.Job("collect") } },
            new RunbookStep
            {
                Name = "restart", Kind = RunbookStepKind.Automated, HighRisk = true,
                Action = new RunbookAction { Url = endpoint.Job("restart"), Inputs = { new RunbookInput { Name = "host", Value = "api-1" } } },
                Rollback = new RunbookAction { Url = endpoint.Job("undo") },
            },
        },
    };

    private static ApproveStepRequest Approve(string incidentId, int step = 2) => new() { IncidentId = incidentId, RunbookId = "restart-api", Step = step };

    private static RunbookActionRequest Action(string incidentId, string runbookId) => new() { IncidentId = incidentId, RunbookId = runbookId };

    private static Api.V1.Runbooks.RunbooksClient Client(RunningSilo silo, string person) => new(silo.ChannelFor(TestTokens.For(person)));

    private static Task<RunbookExecution> Until(Api.V1.Runbooks.RunbooksClient client, string incidentId, string runbookId, RunbookExecutionStatus status) =>
        Eventually.Get(() => client.GetRunbookExecutionAsync(new RunbookExecutionRequest { IncidentId = incidentId, RunbookId = runbookId }).ResponseAsync,
            e => e.Status == status, what: $"{runbookId} {status}");
}
