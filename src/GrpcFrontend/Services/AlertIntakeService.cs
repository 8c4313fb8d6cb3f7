using System.Collections.Immutable;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Errors;
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

    /// <summary>
    /// Checks the whole batch against the catalog before applying any of it, then applies each
    /// service's share with one call, the services side by side.
    /// </summary>
    public override async Task<AlertBatchResult> SendAlertBatch(AlertBatch request, ServerCallContext context)
    {
        var alerts = request.Alerts.Select(ToDomain).ToImmutableArray();
        var shares = Enumerable.Range(0, alerts.Length).GroupBy(i => alerts[i].ServiceId, StringComparer.Ordinal).ToList();
        var catalog = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var serviceId in shares.Select(share => share.Key).Where(id => id.Length > 0))
        {
            catalog[serviceId] = (await grains.GetGrain<IServiceGrain>(serviceId).Get(context.CancellationToken)).Definition;
        }
        // A missing service id fails the shape check before the catalog is asked.
        AlertValidator.CompleteBatch(alerts, alert => catalog[alert.ServiceId]);

        var items = new AlertBatchItem[alerts.Length];
        await Task.WhenAll(shares.Select(async share =>
        {
            var indexes = share.ToArray();
            var service = grains.GetGrain<IServiceGrain>(share.Key);
            Alerts.AlertBatchOutcome outcome;
            try
            {
                outcome = await service.IngestBatch([.. indexes.Select(i => alerts[i])], context.CancellationToken);
            }
            catch (RateLimitedException e)
            {
                outcome = new Alerts.AlertBatchOutcome([], e.RetryAfter);
            }
            for (var j = 0; j < indexes.Length; j++)
            {
                items[indexes[j]] = j < outcome.Accepted.Length
                    ? new AlertBatchItem { Result = WireMapping.ToWire(outcome.Accepted[j]) }
                    : new AlertBatchItem { RetryAfter = Duration.FromTimeSpan(outcome.RetryAfter ?? TimeSpan.FromSeconds(1)) };
            }
        }));
        return new AlertBatchResult { Items = { items } };
    }

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
        WireMapping.Optional(request.Category));
}
