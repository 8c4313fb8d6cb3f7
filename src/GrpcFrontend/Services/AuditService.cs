using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Incidents;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class AuditService(IGrainFactory grains) : Api.V1.Audit.AuditBase
{
    public override async Task<VerifyTimelineResponse> VerifyTimeline(VerifyTimelineRequest request, ServerCallContext context)
    {
        var incident = grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", request.IncidentId));
        return ToWire(await incident.VerifyTimeline(context.CancellationToken));
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
