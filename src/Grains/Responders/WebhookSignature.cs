using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.Responders;

/// <summary>
/// How a page webhook is signed: <c>X-IncidentActors-Signature: v1=hex(HMAC-SHA256(secret, "&lt;timestamp&gt;.&lt;body&gt;"))</c>
/// with the Unix timestamp in <c>X-IncidentActors-Timestamp</c>. Signing the timestamp lets a
/// receiver refuse replays of an old page.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-IncidentActors-Signature";
    public const string TimestampHeader = "X-IncidentActors-Timestamp";
    private const string Version = "v1=";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Version + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    public static bool Verify(string secret, string timestampHeader, string signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds
            || !signatureHeader.StartsWith(Version, StringComparison.Ordinal))
        {
            return false;
        }
        return Matches(signatureHeader.AsSpan(Version.Length), Mac(secret, timestamp, body));
    }

    /// <summary>A signed JSON POST as every webhook the backend calls sends it, with the key that makes a retry recognisable.</summary>
    public static HttpRequestMessage Post(string url, byte[] body, string idempotencyKey, string secret, long timestamp)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));
        return request;
    }

    /// <summary>HMAC-SHA256 over the prefix and the body, as webhooks of both directions sign them.</summary>
    public static byte[] Mac(string secret, string prefix, ReadOnlySpan<byte> body)
    {
        var prefixBytes = Encoding.UTF8.GetBytes(prefix);
        var signed = new byte[prefixBytes.Length + body.Length];
        prefixBytes.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefixBytes.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }

    /// <summary>Whether the presented hex digits are the expected MAC, compared in constant time; false for what is not hex.</summary>
    public static bool Matches(ReadOnlySpan<char> presentedHex, byte[] expected)
    {
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(presentedHex);
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        Mac(secret, timestamp.ToString(CultureInfo.InvariantCulture) + ".", body);
}
