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

    /// <summary>A JSON POST of <paramref name="body"/>, signed at <paramref name="now"/>, under an idempotency key the receiver may deduplicate by.</summary>
    public static HttpRequestMessage SignedPost(string url, byte[] body, string idempotencyKey, string secret, DateTimeOffset now)
    {
        var timestamp = now.ToUnixTimeSeconds();
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, Sign(secret, timestamp, body));
        return request;
    }

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
        byte[] presented;
        try
        {
            presented = Convert.FromHexString(signatureHeader.AsSpan(Version.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(presented, Mac(secret, timestamp, body));
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
