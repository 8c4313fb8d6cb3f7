using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Metrics;
using Domain = IncidentActors;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class MetricsService(IGrainFactory grains) : Api.V1.Metrics.MetricsBase
{
    public override async Task<Api.V1.MetricsReport> QueryMetrics(QueryMetricsRequest request, ServerCallContext context)
    {
        var report = await grains.GetGrain<IMetricsQueryGrain>(0).Query(ToDomain(request), context.CancellationToken);
        return new Api.V1.MetricsReport { Total = ToWire(report.Total), Periods = { report.Periods.Select(ToWire) } };
    }

    public override async Task<ListGovernanceItemsResponse> ListGovernanceItems(ListGovernanceItemsRequest request, ServerCallContext context)
    {
        var unit = grains.GetGrain<IUnitMetricsGrain>(RequestIds.Require("business_unit_id", request.BusinessUnitId));
        var items = await unit.ListGovernanceItems(context.CancellationToken);
        return new ListGovernanceItemsResponse
        {
            Items =
            {
                items.Select(i => new Api.V1.GovernanceItem
                {
                    Id = i.Id,
                    Reason = i.Reason == Domain.Metrics.GovernanceReason.Recurrence ? Api.V1.GovernanceReason.Recurrence : Api.V1.GovernanceReason.MttrAboveTarget,
                    RaisedAt = Timestamp.FromDateTimeOffset(i.RaisedAt),
                    Description = i.Description,
                    IncidentId = i.IncidentId ?? "",
                }),
            },
        };
    }

    private static Domain.Metrics.MetricsQuery ToDomain(QueryMetricsRequest request) => new(
        RequestIds.Require("business_unit_id", request.BusinessUnitId),
        WireMapping.Require("from", request.From),
        WireMapping.Require("to", request.To),
        request.BucketSize switch
        {
            Api.V1.MetricsBucketSize.Day => Domain.Metrics.MetricsBucketSize.Day,
            Api.V1.MetricsBucketSize.Month => Domain.Metrics.MetricsBucketSize.Month,
            Api.V1.MetricsBucketSize.Quarter => Domain.Metrics.MetricsBucketSize.Quarter,
            _ => Domain.Metrics.MetricsBucketSize.Week,
        },
        WireMapping.Optional(request.ServiceId),
        WireMapping.Optional(request.Team),
        WireMapping.Optional(request.Region),
        request.Severity == IncidentSeverity.Unspecified ? null : BusinessUnitWireMapping.ToDomain(request.Severity));

    private static Api.V1.PeriodMetrics ToWire(Domain.Metrics.PeriodMetrics period)
    {
        var wire = new Api.V1.PeriodMetrics
        {
            Start = Timestamp.FromDateTimeOffset(period.Start),
            End = Timestamp.FromDateTimeOffset(period.End),
            Incidents = period.Incidents,
            BySeverity = { period.BySeverity },
            ByCategory = { period.ByCategory },
            TimeToDetect = ToWire(period.TimeToDetect),
            TimeToAcknowledge = ToWire(period.TimeToAcknowledge),
            TimeToMitigate = ToWire(period.TimeToMitigate),
            TimeToResolve = ToWire(period.TimeToResolve),
            TimeBetweenFailures = ToWire(period.TimeBetweenFailures),
            Services = period.Services,
        };
        // Unset rather than 0: "nothing to measure" is not "none met the target".
        Set(period.RecurrenceRate, v => wire.RecurrenceRate = v);
        Set(period.EscalationRate, v => wire.EscalationRate = v);
        Set(period.ReopenRate, v => wire.ReopenRate = v);
        Set(period.AcknowledgeSlaCompliance, v => wire.AcknowledgeSlaCompliance = v);
        Set(period.ResolveSlaCompliance, v => wire.ResolveSlaCompliance = v);
        Set(period.ReviewTimeliness, v => wire.ReviewTimeliness = v);
        Set(period.ActionItemOverdueRate, v => wire.ActionItemOverdueRate = v);
        Set(period.IncidentsPerService, v => wire.IncidentsPerService = v);
        Set(period.IncidentsPer1000ServiceHours, v => wire.IncidentsPer1000ServiceHours = v);
        return wire;
    }

    private static void Set(double? value, Action<double> set)
    {
        if (value is { } v)
        {
            set(v);
        }
    }

    private static Api.V1.DurationStats ToWire(Domain.Metrics.DurationStats stats) => new()
    {
        Count = stats.Count,
        Mean = Optional(stats.Mean),
        P50 = Optional(stats.P50),
        P90 = Optional(stats.P90),
    };

    private static Duration? Optional(TimeSpan? duration) => duration is { } d ? Duration.FromTimeSpan(d) : null;
}
