using System.Globalization;
using IncidentActors.Responders;

namespace IncidentActors.Chat;

/// <summary>
/// How a chat tool signs its callbacks, as Slack does (v0): <c>X-Slack-Signature: v0=hex(HMAC-SHA256(secret,
/// "v0:&lt;timestamp&gt;:&lt;body&gt;"))</c> with the Unix timestamp in <c>X-Slack-Request-Timestamp</c>
/// (<see cref="ChatCallbackHeaders"/>). A callback older or newer than <see cref="ChatCallbackHeaders.ReplayWindow"/> by
/// the server's clock is refused, so a captured one cannot be replayed later.
/// </summary>
public static class ChatSignature
{
    private const string Version = "v0";

    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        $"{Version}=" + Convert.ToHexStringLower(Mac(secret, timestamp, body));

    public static ChatCallbackCheck Check(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - (double)timestamp) > ChatCallbackHeaders.ReplayWindow.TotalSeconds)
        {
            return ChatCallbackCheck.StaleTimestamp;
        }
        if (signatureHeader is null || !signatureHeader.StartsWith($"{Version}=", StringComparison.Ordinal))
        {
            return ChatCallbackCheck.BadSignature;
        }
        return WebhookSignature.Matches(signatureHeader.AsSpan(Version.Length + 1), Mac(secret, timestamp, body)) ? ChatCallbackCheck.Valid : ChatCallbackCheck.BadSignature;
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body) =>
        WebhookSignature.Mac(secret, $"{Version}:{timestamp.ToString(CultureInfo.InvariantCulture)}:", body);
}
