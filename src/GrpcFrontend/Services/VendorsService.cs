using Grpc.Core;
using IncidentActors.Api.V1;
using IncidentActors.Vendors;

namespace IncidentActors.GrpcFrontend.Services;

internal sealed class VendorsService(IGrainFactory grains) : Api.V1.Vendors.VendorsBase
{
    public override async Task<RegisterVendorResponse> RegisterVendor(RegisterVendorRequest request, ServerCallContext context)
    {
        var registration = await Vendor(request.Id).Register(VendorWireMapping.ToDomain(request), context.CancellationToken);
        return new RegisterVendorResponse { Vendor = VendorWireMapping.ToWire(registration.Vendor), AccessKey = registration.AccessKey ?? "" };
    }

    public override async Task<Vendor> GetVendor(GetVendorRequest request, ServerCallContext context) =>
        VendorWireMapping.ToWire(await Vendor(request.Id).Get(context.CancellationToken));

    private IVendorGrain Vendor(string id) => grains.GetGrain<IVendorGrain>(RequestIds.Require("id", id));
}
