using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.Incidents;

/// <summary>
/// The secret that signs timeline heads, from <see cref="TimelineSigningOptions.TimelineKey"/>. Only the silos hold it:
/// it is never stored beside the incidents, so whoever can edit storage still cannot sign.
/// </summary>
public sealed class TimelineKey
{
    private readonly byte[] _key;

    private TimelineKey(byte[] key) => _key = key;

    public static bool TryParse(string base64, [NotNullWhen(true)] out TimelineKey? key)
    {
        var bytes = new byte[base64.Length];
        key = Convert.TryFromBase64String(base64, bytes, out var length) && length >= TimelineSigningOptions.MinimumKeyBytes
            ? new TimelineKey(bytes[..length])
            : null;
        return key is not null;
    }

    public static TimelineKey Parse(string base64) =>
        TryParse(base64, out var key) ? key : throw new FormatException(TimelineSigningOptions.KeyRequirement);

    public string Sign(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)));

    /// <summary>In constant time, so that a caller cannot find a valid signature byte by byte.</summary>
    public bool Verifies(string text, string signature) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(Sign(text)), Encoding.UTF8.GetBytes(signature));
}
