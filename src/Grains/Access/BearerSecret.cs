using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.Access;

/// <summary>
/// A secret handed out once and kept only as its SHA-256: "&lt;prefix&gt;&lt;owner id&gt;.&lt;32 random bytes, base64url&gt;".
/// The random part carries 256 bits, so a fast hash suffices; comparison takes constant time.
/// </summary>
internal static class BearerSecret
{
    public static string Issue(string prefix, string ownerId) => $"{prefix}{ownerId}.{Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32))}";

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static bool Matches(string secret, byte[]? hash) => hash is not null && CryptographicOperations.FixedTimeEquals(Hash(secret), hash);
}
