using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Runbooks;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>A unit's runbooks and their runs on incidents; the actor of every change is the authenticated caller.</summary>
internal sealed class RunbooksService(IGrainFactory grains) : Api.V1.Runbooks.RunbooksBase
{
    public override async Task<Runbook> DefineRunbook(DefineRunbookRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Unit(request.Runbook?.BusinessUnitId ?? "").Define(RunbookWireMapping.ToDomain(request.Runbook),
            AccessInterceptor.Caller(context).Id, context.CancellationToken));

    public override async Task<Runbook> GetRunbook(GetRunbookRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Unit(request.BusinessUnitId).Get(RequestIds.Require("id", request.Id), request.Version > 0 ? request.Version : null,
            context.CancellationToken));

    public override async Task<ListRunbooksResponse> ListRunbooks(ListRunbooksRequest request, ServerCallContext context) =>
        new() { Runbooks = { (await Unit(request.BusinessUnitId).List(context.CancellationToken)).Select(RunbookWireMapping.ToWire) } };

    public override async Task<RunbookExecution> StartRunbook(StartRunbookRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Execution(request.IncidentId, request.RunbookId).Start(
            new RunbookStart(request.RunbookId, AccessInterceptor.Caller(context).Id, "by hand", request.DryRun), context.CancellationToken));

    public override async Task<RunbookExecution> GetRunbookExecution(RunbookExecutionRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Execution(request.IncidentId, request.RunbookId).Get(context.CancellationToken));

    public override async Task<RunbookExecution> CompleteManualStep(CompleteManualStepRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Execution(request.IncidentId, request.RunbookId).CompleteManualStep(request.Step, WireMapping.Optional(request.Option),
            WireMapping.Optional(request.Note), AccessInterceptor.Caller(context), context.CancellationToken));

    public override async Task<RunbookExecution> ApproveStep(ApproveStepRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Execution(request.IncidentId, request.RunbookId).ApproveStep(request.Step, AccessInterceptor.Caller(context),
            context.CancellationToken));

    public override async Task<RunbookExecution> RollbackExecution(RunbookActionRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Execution(request.IncidentId, request.RunbookId).Rollback(WireMapping.Optional(request.Note),
            AccessInterceptor.Caller(context), context.CancellationToken));

    public override async Task<RunbookExecution> ResetBreaker(RunbookActionRequest request, ServerCallContext context) =>
        RunbookWireMapping.ToWire(await Execution(request.IncidentId, request.RunbookId).ResetBreaker(WireMapping.Optional(request.Note),
            AccessInterceptor.Caller(context), context.CancellationToken));

    private IUnitRunbooksGrain Unit(string businessUnitId) => grains.GetGrain<IUnitRunbooksGrain>(RequestIds.Require("business_unit_id", businessUnitId));

    /// <summary>A runbook id never holds '/', which keeps the run's key of incident and runbook unambiguous.</summary>
    private IRunbookExecutionGrain Execution(string incidentId, string runbookId)
    {
        RequestIds.Require("incident_id", incidentId);
        if (RequestIds.Require("runbook_id", runbookId).Contains('/', StringComparison.Ordinal))
        {
            throw new Errors.InvalidRequestException("runbook_id", "must not contain '/'.");
        }
        return grains.GetGrain<IRunbookExecutionGrain>(IRunbookExecutionGrain.Key(incidentId, runbookId));
    }
}
