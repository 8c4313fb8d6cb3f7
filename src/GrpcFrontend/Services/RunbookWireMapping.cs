using Google.Protobuf.WellKnownTypes;
using Domain = IncidentActors.Runbooks;
using V1 = IncidentActors.Api.V1;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Runbooks and their runs, wire to domain and back. Secrets go in and never come out.</summary>
internal static class RunbookWireMapping
{
    public static Domain.RunbookDefinition ToDomain(V1.Runbook? runbook) => runbook is null
        ? throw new Errors.InvalidRequestException("runbook", "is required.")
        : new(runbook.Id, runbook.BusinessUnitId, runbook.Title, [.. runbook.ServiceIds], [.. runbook.Categories], [.. runbook.Steps.Select(ToDomain)],
            runbook.Preconditions is { } p
                ? new Domain.RunbookPreconditions(p.MinSeverity == V1.IncidentSeverity.Unspecified ? null : BusinessUnitWireMapping.ToDomain(p.MinSeverity),
                    [.. p.Environments], p.RequireClassification)
                : Domain.RunbookPreconditions.None,
            [.. runbook.Triggers.Select(t => new Domain.RunbookTrigger((Domain.RunbookTriggerKind)((int)t.Kind - 1), t.Value))],
            runbook.Secret == EscalationWireMapping.MaskedSecret ? "" : runbook.Secret, runbook.BreakerThreshold, runbook.AutomateDrills);

    private static Domain.RunbookStep ToDomain(V1.RunbookStep step) => new(step.Name, (Domain.RunbookStepKind)((int)step.Kind - 1), step.Instructions,
        [.. step.Options], ToDomain(step.Action), ToDomain(step.Rollback), step.HighRisk);

    private static Domain.RunbookAction? ToDomain(V1.RunbookAction? action) =>
        action is null ? null : new(action.Url, [.. action.Inputs.Select(i => new Domain.RunbookInput(i.Name, i.Value))]);

    public static V1.Runbook ToWire(Domain.RunbookDefinition r)
    {
        var wire = new V1.Runbook
        {
            Id = r.Id, BusinessUnitId = r.BusinessUnitId, Title = r.Title, ServiceIds = { r.ServiceIds }, Categories = { r.Categories },
            Steps = { r.Steps.Select(ToWire) },
            Preconditions = new V1.RunbookPreconditions
            {
                MinSeverity = r.Preconditions.MinSeverity is { } min ? BusinessUnitWireMapping.ToWire(min) : V1.IncidentSeverity.Unspecified,
                Environments = { r.Preconditions.Environments }, RequireClassification = r.Preconditions.RequireClassification,
            },
            Triggers = { r.Triggers.Select(t => new V1.RunbookTrigger { Kind = (V1.RunbookTriggerKind)((int)t.Kind + 1), Value = t.Value }) },
            Secret = r.Secret.Length > 0 ? EscalationWireMapping.MaskedSecret : "",
            BreakerThreshold = r.BreakerThreshold, AutomateDrills = r.AutomateDrills, Version = r.Version, DefinedAt = Timestamp.FromDateTimeOffset(r.DefinedAt),
            DefinedBy = r.DefinedBy,
        };
        return wire;
    }

    private static V1.RunbookStep ToWire(Domain.RunbookStep s) => new()
    {
        Name = s.Name, Kind = (V1.RunbookStepKind)((int)s.Kind + 1), Instructions = s.Instructions ?? "", Options = { s.Options }, Action = ToWire(s.Action),
        Rollback = ToWire(s.Rollback), HighRisk = s.HighRisk,
    };

    private static V1.RunbookAction? ToWire(Domain.RunbookAction? a) =>
        a is null ? null : new V1.RunbookAction { Url = a.Url, Inputs = { a.Inputs.Select(i => new V1.RunbookInput { Name = i.Name, Value = i.Value }) } };

    public static V1.RunbookExecution ToWire(Domain.RunbookExecutionView e) => new()
    {
        IncidentId = e.IncidentId, RunbookId = e.RunbookId, Version = e.Version, Run = e.Run, Status = (V1.RunbookExecutionStatus)((int)e.Status + 1),
        NextStep = e.NextStep, RequestedBy = e.RequestedBy, Trigger = e.Trigger, DryRun = e.DryRun,
        Breaker = new V1.RunbookBreaker
        {
            ConsecutiveFailures = e.Breaker.ConsecutiveFailures, Threshold = e.Breaker.Threshold, Open = e.Breaker.OpenReason is not null,
            Reason = e.Breaker.OpenReason ?? "", OpenedAt = WireMapping.ToWire(e.Breaker.OpenedAt),
        },
        Approvals = { e.Approvals.Select(a => new V1.RunbookApproval { Step = a.Step, ApprovedBy = a.ApprovedBy, At = Timestamp.FromDateTimeOffset(a.At) }) },
        Results =
        {
            e.Results.Select(r => new V1.RunbookStepResult
            {
                Step = r.Step, StepName = r.StepName, Outcome = (V1.RunbookStepOutcome)((int)r.Outcome + 1), IdempotencyKey = r.IdempotencyKey ?? "",
                Detail = r.Detail, Actor = r.Actor, ApprovedBy = r.ApprovedBy ?? "", StartedAt = Timestamp.FromDateTimeOffset(r.StartedAt),
                FinishedAt = Timestamp.FromDateTimeOffset(r.FinishedAt), Option = r.Option ?? "",
            }),
        },
        StartedAt = Timestamp.FromDateTimeOffset(e.StartedAt), Note = e.Note ?? "", BusinessUnitId = e.BusinessUnitId,
    };
}
