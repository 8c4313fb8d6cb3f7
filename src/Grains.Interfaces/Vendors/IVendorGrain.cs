namespace IncidentActors.Vendors;

/// <summary>A third-party vendor, keyed by vendor id: its contract, its access key's hash and the incidents it was invited to.</summary>
[Alias("IncidentActors.Vendors.IVendorGrain")]
public interface IVendorGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the vendor and issues its access key, returned by this call only and stored as a
    /// SHA-256 hash. Registering again updates the details and keeps the key.
    /// </summary>
    [Alias("Register")]
    Task<VendorRegistration> Register(VendorDefinition definition, CancellationToken cancellationToken = default);

    [Alias("Get")]
    Task<VendorView> Get(CancellationToken cancellationToken = default);

    /// <summary>True only for the key issued to this vendor, compared in constant time.</summary>
    [Alias("Authenticate")]
    Task<bool> Authenticate(string accessKey, CancellationToken cancellationToken = default);

    /// <summary>The incident tells the vendor once it stored the invitation; telling it again changes nothing.</summary>
    [Alias("RecordInvitation")]
    Task RecordInvitation(string incidentId, DateTimeOffset invitedAt, CancellationToken cancellationToken = default);
}
