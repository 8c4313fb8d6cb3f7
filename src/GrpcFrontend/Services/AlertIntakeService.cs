using System.Collections.Immutable;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Services;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class AlertIntakeService(IGrainFactory grains) : AlertIntake.AlertIntakeBase
{
    public const string Integration = "grpc";

    public override async Task<AlertResult> SendAlert(AlertEvent request, ServerCallContext context)
    {
        var alert = new Alerts.AlertEvent(
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
            Integration);
        var service = grains.GetGrain<IServiceGrain>(RequestIds.Require("service_id", request.ServiceId));
        return WireMapping.ToWire(await service.Ingest(alert, context.CancellationToken));
    }
}
