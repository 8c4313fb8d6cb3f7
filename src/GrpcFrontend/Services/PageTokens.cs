using System.Buffers.Text;
using System.Globalization;
using System.Text;
using IncidentActors.Errors;
using IncidentActors.Incidents;

namespace IncidentActors.GrpcFrontend.Services;

/// <summary>Opaque page tokens: the cursor of the last incident of a page, or the last id of a listing in id order, base64url-encoded.</summary>
internal static class PageTokens
{
    public static string Encode(IncidentCursor? cursor) => cursor is null
        ? ""
        : Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{cursor.OpenedAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{cursor.Id}"));

    public static IncidentCursor? Decode(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
            var bar = text.IndexOf('|');
            if (bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks)
            {
                return new IncidentCursor(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
            }
        }
        catch (FormatException)
        {
        }
        throw NotIssued();
    }

    public static string EncodeId(string? lastId) => lastId is null ? "" : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastId));

    public static string? DecodeId(string token)
    {
        if (token.Length == 0)
        {
            return null;
        }
        try
        {
            if (Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)) is var id && RequestIds.Problem(id) is null)
            {
                return id;
            }
        }
        catch (FormatException)
        {
        }
        throw NotIssued();
    }

    private static InvalidRequestException NotIssued() =>
        new("page_token", "is not a token this service issued; pass next_page_token from the previous response unchanged.");
}
