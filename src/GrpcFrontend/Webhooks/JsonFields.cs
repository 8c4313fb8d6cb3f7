using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>
/// Strict reads of JSON fields: a field of the wrong type is a violation, an unknown extra field is ignored. Text holds
/// no control characters; free text (summaries, descriptions, label and detail values) may hold tabs and line breaks.
/// Bodies have passed <see cref="JsonBodyChecks"/>, so every key is unique and all text readable.
/// </summary>
internal static class JsonFields
{
    /// <summary>
    /// An optional RFC 3339 time (Alertmanager's startsAt, an Events-v2 timestamp); Alertmanager's zero time counts as
    /// none. A value that is not text is left to <see cref="String"/>, which the payloads also read it with, to report.
    /// </summary>
    public static DateTimeOffset? Time(JsonElement parent, string name, string path, ImmutableArray<FieldViolation>.Builder violations)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String
            || value.GetString() is not { Length: > 0 } text)
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            violations.Add(new(path, $"'{text}' is not an RFC 3339 time."));
            return null;
        }
        return at.Year <= 1 ? null : at;
    }

    public static string? String(JsonElement parent, string name, string path, ImmutableArray<FieldViolation>.Builder violations, bool required,
        bool freeText = false)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                violations.Add(new(path, "is required."));
            }
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            violations.Add(new(path, $"must be a string, not {Describe(value.ValueKind)}."));
            return null;
        }
        var text = value.GetString()!;
        if (required && string.IsNullOrWhiteSpace(text))
        {
            violations.Add(new(path, "is required."));
            return null;
        }
        return Checked(text, path, violations, freeText);
    }

    /// <summary>A JSON path one step down: <c>alerts[0].labels.severity</c>.</summary>
    public static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    /// <summary>The text, or null with a violation when it holds control characters it may not.</summary>
    public static string? Checked(string text, string path, ImmutableArray<FieldViolation>.Builder violations, bool freeText)
    {
        if (!text.Any(c => char.IsControl(c) && !(freeText && c is '\t' or '\n' or '\r')))
        {
            return text;
        }
        violations.Add(new(path, freeText
            ? "must not contain control characters other than tab, line feed and carriage return."
            : "must not contain control characters."));
        return null;
    }

    /// <summary>A map of strings (labels, annotations); a missing one is empty.</summary>
    public static ImmutableSortedDictionary<string, string> StringMap(JsonElement parent, string name, string path, ImmutableArray<FieldViolation>.Builder violations)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new(path, $"must be an object of strings, not {Describe(value.ValueKind)}."));
            return ImmutableSortedDictionary<string, string>.Empty;
        }
        var map = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var at = Child(path, property.Name);
            if (property.Value.ValueKind != JsonValueKind.String)
            {
                violations.Add(new(at, $"must be a string, not {Describe(property.Value.ValueKind)}."));
            }
            else if (Checked(property.Name, at, violations, freeText: false) is { } key
                && Checked(property.Value.GetString()!, at, violations, freeText: true) is { } text)
            {
                map[key] = text;
            }
        }
        return map.ToImmutable();
    }

    /// <summary>Any JSON object: strings kept as they are, other values as their JSON text.</summary>
    public static ImmutableSortedDictionary<string, string> AnyMap(JsonElement parent, string name, string path, ImmutableArray<FieldViolation>.Builder violations)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return ImmutableSortedDictionary<string, string>.Empty;
        }
        if (value.ValueKind != JsonValueKind.Object)
        {
            violations.Add(new(path, $"must be an object, not {Describe(value.ValueKind)}."));
            return ImmutableSortedDictionary<string, string>.Empty;
        }
        var map = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var property in value.EnumerateObject())
        {
            var at = Child(path, property.Name);
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
            if (Checked(property.Name, at, violations, freeText: false) is { } key && Checked(text, at, violations, freeText: true) is { } checkedText)
            {
                map[key] = checkedText;
            }
        }
        return map.ToImmutable();
    }

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
