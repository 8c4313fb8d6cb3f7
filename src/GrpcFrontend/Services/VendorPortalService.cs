using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Errors;
using IncidentActors.Incidents;
using IncidentActors.Vendors;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>The vendors' own API; <see cref="VendorAccessInterceptor"/> has authenticated the vendor before any method runs.</summary>
internal sealed class VendorPortalService(IGrainFactory grains) : VendorPortal.VendorPortalBase
{
    public override async Task<ListInvitedIncidentsResponse> ListInvitedIncidents(ListInvitedIncidentsRequest request, ServerCallContext context)
    {
        var vendorId = VendorAccessInterceptor.VendorId(context);
        var vendor = await grains.GetGrain<IVendorGrain>(vendorId).Get(context.CancellationToken);
        var incidents = await Task.WhenAll(vendor.Invitations.Select(i => VisibleAsync(i.IncidentId, vendorId, context.CancellationToken)));
        var response = new ListInvitedIncidentsResponse();
        response.Incidents.AddRange(incidents.OfType<VendorIncidentView>().Select(VendorWireMapping.ToWire));
        return response;
    }

    /// <summary>Null for an incident restricted since the invitation: the vendor no longer sees it at all.</summary>
    private async Task<VendorIncidentView?> VisibleAsync(string incidentId, string vendorId, CancellationToken cancellationToken)
    {
        try
        {
            return await Incident(incidentId).GetForVendor(vendorId, cancellationToken);
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    public override async Task<VendorIncident> GetInvitedIncident(GetInvitedIncidentRequest request, ServerCallContext context) =>
        VendorWireMapping.ToWire(await Incident(request.IncidentId).GetForVendor(VendorAccessInterceptor.VendorId(context), context.CancellationToken));

    public override async Task<VendorIncident> RespondToIncident(RespondToIncidentRequest request, ServerCallContext context) =>
        VendorWireMapping.ToWire(await Incident(request.IncidentId).RecordVendorResponse(VendorAccessInterceptor.VendorId(context), request.Message,
            context.CancellationToken));

    private IIncidentGrain Incident(string id) => grains.GetGrain<IIncidentGrain>(RequestIds.Require("incident_id", id));
}
