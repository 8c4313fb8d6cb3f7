using IncidentActors.Access;

namespace IncidentActors.Vendors;

/// <summary>
/// A vendor's access key: <c>iavk.&lt;vendor id&gt;.&lt;secret&gt;</c>, the secret 32 random bytes in
/// base64url. The vendor id inside tells the frontend which vendor to ask; the vendor keeps only the
/// key's SHA-256 hash, so a leaked state table leaks no key.
/// </summary>
public static class VendorAccessKey
{
    private const string Prefix = "iavk.";

    public static string Issue(string vendorId) => BearerSecret.Issue(Prefix, vendorId);

    public static byte[] Hash(string key) => BearerSecret.Hash(key);

    public static bool Matches(string key, byte[] hash) => BearerSecret.Matches(key, hash);

    /// <summary>The vendor a presented key claims to be from; null when it is not shaped like a key.</summary>
    public static string? VendorIdOf(string key)
    {
        // The secret has no dot, so the last one ends the vendor id even if the id has dots of its own.
        var end = key.LastIndexOf('.');
        if (!key.StartsWith(Prefix, StringComparison.Ordinal) || end <= Prefix.Length)
        {
            return null;
        }
        var vendorId = key[Prefix.Length..end];
        return VendorValidator.IsVendorId(vendorId) ? vendorId : null;
    }
}
