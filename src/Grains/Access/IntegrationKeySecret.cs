using System.Security.Cryptography;

namespace IncidentActors.Access;

/// <summary>
/// An integration key's secret: <c>iak.&lt;key id&gt;.&lt;secret&gt;</c>, the secret 32 random bytes in base64url. The
/// key id inside tells which key grain to ask; that grain keeps only the <see cref="BearerSecret"/> hash of the whole string.
/// </summary>
internal static class IntegrationKeySecret
{
    private const string Prefix = "iak.";

    public static string NewKeyId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Issue(string keyId) => BearerSecret.Issue(Prefix, keyId);

    /// <summary>The key a presented secret claims to be; null when it is not shaped like one.</summary>
    public static string? KeyIdOf(string secret)
    {
        var end = secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret.IndexOf('.', Prefix.Length) : -1;
        if (end <= Prefix.Length)
        {
            return null;
        }
        var keyId = secret[Prefix.Length..end];
        return keyId.Length == 16 && keyId.All(char.IsAsciiHexDigitLower) ? keyId : null;
    }
}
