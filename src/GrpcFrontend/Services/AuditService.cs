using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Audit;
using IncidentActors.Errors;
using IncidentActors.Api.V1;
using IncidentActors.Incidents;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class AuditService(IGrainFactory grains, TimeProvider clock) : Api.V1.Audit.AuditBase
{
    private const int DefaultPageSize = 100;
    private const int MaxPageSize = 1000;

    public override async Task<ListAuditEntriesResponse> ListAuditEntries(ListAuditEntriesRequest request, ServerCallContext context)
    {
        var day = request.Day.Length == 0 ? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)
            : DateOnly.TryParseExact(request.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed
            : throw new InvalidRequestException("day", "must be a date as YYYY-MM-DD, or empty for today.");
        if (request.PageSize is < 0 or > MaxPageSize)
        {
            throw new InvalidRequestException("page_size", $"must be between 1 and {MaxPageSize}, or 0 for {DefaultPageSize}.");
        }
        var offset = request.PageToken.Length == 0 ? 0
            : int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ? from
            : throw new InvalidRequestException("page_token", "is not a token this method gave.");
        var size = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var log = grains.GetGrain<IAuditLogGrain>(IAuditLogGrain.Key(WireMapping.Optional(request.BusinessUnitId), day));
        var page = await log.Read(offset, size, context.CancellationToken);
        var next = offset + page.Entries.Length;
        return new ListAuditEntriesResponse
        {
            Entries =
            {
                page.Entries.Select(e => new Api.V1.AuditEntry
                {
                    At = Timestamp.FromDateTimeOffset(e.At), PrincipalId = e.PrincipalId, Operation = e.Operation, Target = e.Target,
                    Outcome = e.Outcome, Address = e.Address,
                }),
            },
            NextPageToken = next < page.Total && page.Entries.Length > 0 ? next.ToString(CultureInfo.InvariantCulture) : "",
            Total = page.Total,
        };
    }

    public override async Task<VerifyTimelineResponse> VerifyTimeline(VerifyTimelineRequest request, ServerCallContext context)
    {
        var incident = grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId));
        return ToWire(await incident.VerifyTimeline(context.CancellationToken));
    }

    public override async Task<Api.V1.IncidentExport> ExportIncident(ExportIncidentRequest request, ServerCallContext context)
    {
        var export = await grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId)).Export(request.Redacted, context.CancellationToken);
        return new Api.V1.IncidentExport
        {
            Id = export.Id,
            Title = export.Title,
            ServiceId = export.ServiceId,
            BusinessUnitId = export.BusinessUnitId,
            Severity = WireMapping.ToWire(export.Severity),
            Status = WireMapping.ToWire(export.Status),
            OpenedAt = Timestamp.FromDateTimeOffset(export.OpenedAt),
            AcknowledgedAt = export.AcknowledgedAt is { } acknowledged ? Timestamp.FromDateTimeOffset(acknowledged) : null,
            ResolvedAt = export.ResolvedAt is { } resolved ? Timestamp.FromDateTimeOffset(resolved) : null,
            Timeline = { export.Timeline.Select(WireMapping.ToWire) },
            Redacted = export.Redacted,
            PeopleReplaced = export.PeopleReplaced,
        };
    }

    private static VerifyTimelineResponse ToWire(TimelineVerification verification) => new()
    {
        Intact = verification.Intact,
        Entries = verification.Entries,
        FirstBrokenSequence = verification.FirstBrokenSequence ?? 0,
        Reason = Reason(verification.Fault),
        HeadHash = verification.HeadHash,
        Detail = verification.Detail,
    };

    /// <summary>Spelled out rather than taken from the enum's names, so that renaming a member never changes the wire.</summary>
    private static string Reason(TimelineFault fault) => fault switch
    {
        TimelineFault.None => "",
        TimelineFault.Edited => "edited",
        TimelineFault.Removed => "removed",
        TimelineFault.Reordered => "reordered",
        TimelineFault.Unlinked => "unlinked",
        TimelineFault.Foreign => "foreign",
        TimelineFault.Truncated => "truncated",
        TimelineFault.Appended => "appended",
        TimelineFault.Rewritten => "rewritten",
        TimelineFault.Unsigned => "unsigned",
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, "is not a timeline fault."),
    };
}
