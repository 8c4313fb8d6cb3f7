using Orleans.Concurrency;

namespace IncidentActors.Vendors;

[StatelessWorker]
internal sealed class VendorAccessGrain : Grain, IVendorAccessGrain
{
    public async Task<string?> Authenticate(string accessKey, CancellationToken cancellationToken = default) =>
        // A key not shaped like one never wakes a vendor grain.
        VendorAccessKey.VendorIdOf(accessKey) is { } vendorId
        && await GrainFactory.GetGrain<IVendorGrain>(vendorId).Authenticate(accessKey, cancellationToken)
            ? vendorId
            : null;
}
