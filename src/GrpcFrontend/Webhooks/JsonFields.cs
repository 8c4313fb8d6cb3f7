using System.Collections.Immutable;
using System.Text.Json;
using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>Strict reads of JSON fields: a field of the wrong type is a violation, an unknown extra field is ignored.</summary>
internal static class JsonFields
{
    public static string? String(JsonElement parent, string name, string path, ImmutableArray<FieldViolation>.Builder violations, bool required)
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
        var text = value.GetString();
        if (required && string.IsNullOrWhiteSpace(text))
        {
            violations.Add(new(path, "is required."));
            return null;
        }
        return text;
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
            if (property.Value.ValueKind == JsonValueKind.String)
            {
                map[property.Name] = property.Value.GetString()!;
            }
            else
            {
                violations.Add(new($"{path}.{property.Name}", $"must be a string, not {Describe(property.Value.ValueKind)}."));
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
        return value.EnumerateObject().ToImmutableSortedDictionary(
            p => p.Name,
            p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
            StringComparer.Ordinal);
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
