using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IncidentActors.Audit;
using IncidentActors.GrpcFrontend.Access;
using IncidentActors.Errors;
using IncidentActors.Api.V1;
using IncidentActors.BusinessUnits;
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
            Updates =
            {
                (export.Updates.IsDefault ? [] : export.Updates).Select(u => new Api.V1.ExportedUpdate
                {
                    Number = u.Number, Audience = (UpdateAudience)((int)u.Audience + 1), Subject = u.Subject, Body = u.Body, DraftedBy = u.DraftedBy,
                    ApprovedBy = u.ApprovedBy ?? "", PublishedBy = u.PublishedBy, PublishedAt = Timestamp.FromDateTimeOffset(u.PublishedAt),
                    Recipients = { u.Recipients }, ReadBy = { u.ReadBy },
                }),
            },
            RegulatoryClocks = { (export.RegulatoryClocks.IsDefault ? [] : export.RegulatoryClocks).Select(RegulatoryWireMapping.ToWire) },
        };
    }

    public override async Task<LegalHoldResponse> PlaceLegalHold(PlaceLegalHoldRequest request, ServerCallContext context)
    {
        var caller = AccessInterceptor.Caller(context).Id;
        switch (request.TargetCase)
        {
            case PlaceLegalHoldRequest.TargetOneofCase.IncidentId:
                var incident = grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId));
                var hold = await incident.PlaceLegalHold(request.Reason, new ResponderAction(caller, null), context.CancellationToken);
                return await HoldOnIncidentAsync(incident, hold, released: false, context);
            case PlaceLegalHoldRequest.TargetOneofCase.BusinessUnitId:
                var unitId = RequestIds.Require("business_unit_id", request.BusinessUnitId);
                var unitHold = await grains.GetGrain<IBusinessUnitGrain>(unitId).PlaceLegalHold(request.Reason, caller, context.CancellationToken);
                return new LegalHoldResponse { Hold = BusinessUnitWireMapping.ToWire(unitHold), BusinessUnitId = unitId };
            default:
                throw NoTarget();
        }
    }

    public override async Task<LegalHoldResponse> ReleaseLegalHold(ReleaseLegalHoldRequest request, ServerCallContext context)
    {
        switch (request.TargetCase)
        {
            case ReleaseLegalHoldRequest.TargetOneofCase.IncidentId:
                var incident = grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId));
                var action = new ResponderAction(AccessInterceptor.Caller(context).Id, WireMapping.Optional(request.Note));
                var released = await incident.ReleaseLegalHold(action, context.CancellationToken);
                return await HoldOnIncidentAsync(incident, hold: null, released, context);
            case ReleaseLegalHoldRequest.TargetOneofCase.BusinessUnitId:
                var unitId = RequestIds.Require("business_unit_id", request.BusinessUnitId);
                return new LegalHoldResponse
                {
                    Released = await grains.GetGrain<IBusinessUnitGrain>(unitId).ReleaseLegalHold(context.CancellationToken),
                    BusinessUnitId = unitId,
                };
            default:
                throw NoTarget();
        }
    }

    public override async Task<Api.V1.ArchivedIncident> GetArchivedIncident(GetArchivedIncidentRequest request, ServerCallContext context)
    {
        var archived = await grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId)).ReadArchive(context.CancellationToken);
        return new Api.V1.ArchivedIncident
        {
            Incident = WireMapping.ToWire(archived.Incident),
            ArchivedAt = Timestamp.FromDateTimeOffset(archived.ArchivedAt),
            ContentIntact = archived.ContentIntact,
            Timeline = ToWire(archived.Timeline),
        };
    }

    /// <summary>Names the incident's unit, so that the audit trail files the call under it.</summary>
    private static async Task<LegalHoldResponse> HoldOnIncidentAsync(IIncidentGrain incident, IncidentActors.Audit.LegalHold? hold, bool released, ServerCallContext context) => new()
    {
        Hold = BusinessUnitWireMapping.ToWire(hold),
        Released = released,
        BusinessUnitId = (await incident.Summarize(context.CancellationToken)).BusinessUnitId,
    };

    private static InvalidRequestException NoTarget() => new("target", "name the incident_id or the business_unit_id to hold.");

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
