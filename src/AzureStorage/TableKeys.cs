using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentActors.AzureStorage;

/// <summary>
/// Turns arbitrary strings into legal Azure Table PartitionKey/RowKey parts. Keys are only ever compared, never decoded
/// (entities carry the original values as properties), so the mapping needs to be injective, not reversible.
/// </summary>
internal static class TableKeys
{
    /// <summary>Joins key parts; escaped wherever it occurs inside a part, so parts never run into each other.</summary>
    public const char Separator = '|';

    // Azure allows 1 KiB per key; parts longer than this are shortened with a hash so joined keys stay well inside.
    private const int MaxPartLength = 320;
    private const int KeptPrefixLength = 200;
    private const char Escape = '%';

    public static string Part(string value)
    {
        var escaped = EscapeChars(value);
        if (escaped.Length <= MaxPartLength)
        {
            return escaped;
        }
        // "%%" never occurs in an escaped string (an escape is '%' plus four hex digits), so this cannot collide with one.
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
        return string.Concat(escaped.AsSpan(0, KeptPrefixLength), "%%", hash);
    }

    public static string Join(params ReadOnlySpan<string> parts)
    {
        var builder = new StringBuilder();
        foreach (var part in parts)
        {
            if (builder.Length > 0)
            {
                builder.Append(Separator);
            }
            builder.Append(Part(part));
        }
        return builder.ToString();
    }

    private static string EscapeChars(string value)
    {
        StringBuilder? builder = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            var unsafeChar = MustEscape(value, i);
            if (unsafeChar)
            {
                builder ??= new StringBuilder(value, 0, i, value.Length + 16);
                builder.Append(Escape).Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder?.Append(c);
            }
        }
        return builder?.ToString() ?? value;
    }

    private static bool MustEscape(string value, int index)
    {
        var c = value[index];
        if (c is '/' or '\\' or '#' or '?' or Escape or Separator || char.IsControl(c))
        {
            return true;
        }
        // A lone surrogate is not valid UTF-16 and would not survive the service's encoding.
        if (char.IsHighSurrogate(c))
        {
            return index + 1 >= value.Length || !char.IsLowSurrogate(value[index + 1]);
        }
        if (char.IsLowSurrogate(c))
        {
            return index == 0 || !char.IsHighSurrogate(value[index - 1]);
        }
        return false;
    }
}
