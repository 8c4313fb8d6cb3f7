using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Alerts;
using IncidentActors.Api.V1;
using IncidentActors.Services;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class AlertIntakeService(IGrainFactory grains) : AlertIntake.AlertIntakeBase
{
    public const string Integration = "grpc";

    public override async Task<AlertResult> SendAlert(Api.V1.AlertEvent request, ServerCallContext context)
    {
        var service = grains.GetGrain<IServiceGrain>(RequestIds.Require("service_id", request.ServiceId));
        return WireMapping.ToWire(await service.Ingest(ToDomain(request), context.CancellationToken));
    }

    public override async Task<AlertBatchResult> SendAlertBatch(AlertBatch request, ServerCallContext context)
    {
        var items = await grains.GetGrain<IAlertIntakeGrain>(0).IngestBatch([.. request.Alerts.Select(ToDomain)], context.CancellationToken);
        return new AlertBatchResult { Items = { items.Select(ToWire) } };
    }

    private static AlertBatchItem ToWire(AlertBatchItemOutcome item) => item.Outcome is { } outcome
        ? new AlertBatchItem { Result = WireMapping.ToWire(outcome) }
        : new AlertBatchItem { RetryAfter = Duration.FromTimeSpan(item.RetryAfter!.Value) };

    private static Alerts.AlertEvent ToDomain(Api.V1.AlertEvent request) => new(
        request.ServiceId,
        WireMapping.ToDomain(request.Action),
        WireMapping.Optional(request.DedupKey),
        request.Summary,
        request.Source,
        request.Action == Api.V1.AlertAction.Trigger || request.Severity != Api.V1.AlertSeverity.Unspecified
            ? WireMapping.ToDomain(request.Severity, "severity")
            : Alerts.AlertSeverity.Info,
        WireMapping.Optional(request.Component),
        request.CustomDetails.ToImmutableSortedDictionary(StringComparer.Ordinal),
        Integration,
        WireMapping.Optional(request.Environment),
        WireMapping.Optional(request.Owner),
        WireMapping.Optional(request.Category),
        StartedAt: request.StartedAt?.ToDateTimeOffset(),
        Drill: request.Drill);
}
