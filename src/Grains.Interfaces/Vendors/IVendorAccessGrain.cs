namespace IncidentActors.Vendors;

/// <summary>Authenticates vendor access keys; a stateless worker, so each silo answers its own callers.</summary>
[Alias("IncidentActors.Vendors.IVendorAccessGrain")]
public interface IVendorAccessGrain : IGrainWithIntegerKey
{
    /// <summary>The vendor the key was issued to; null for any other string, with no hint of which part was wrong.</summary>
    [Alias("Authenticate")]
    Task<string?> Authenticate(string accessKey, CancellationToken cancellationToken = default);
}
