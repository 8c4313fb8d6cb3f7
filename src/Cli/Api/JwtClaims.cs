using System.Text.Json;

namespace IncidentActors.Cli.Api;

/// <summary>
/// Who a bearer token is for, read from its payload without checking the signature: the server does that on every
/// call; this only tells the person which identity the tool will call as.
/// </summary>
internal sealed record JwtClaims(string Subject, string? Issuer, DateTimeOffset? Expires, IReadOnlyList<string> Groups)
{
    /// <summary>The token's claims, or null when it is not a JWT with a JSON payload and a subject.</summary>
    public static JwtClaims? Read(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || Base64Url(parts[1]) is not { } payload)
        {
            return null;
        }
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String)
            {
                return null;
            }
            return new JwtClaims(
                sub.GetString()!,
                root.TryGetProperty("iss", out var iss) && iss.ValueKind == JsonValueKind.String ? iss.GetString() : null,
                root.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null,
                GroupsOf(root));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string[] GroupsOf(JsonElement root) => !root.TryGetProperty("groups", out var groups) ? []
        : groups.ValueKind == JsonValueKind.String ? [groups.GetString()!]
        : groups.ValueKind == JsonValueKind.Array ? [.. groups.EnumerateArray().Where(g => g.ValueKind == JsonValueKind.String).Select(g => g.GetString()!)]
        : [];

    private static byte[]? Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        var bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var length) ? bytes[..length] : null;
    }
}
