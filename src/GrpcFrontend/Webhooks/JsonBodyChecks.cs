using System.Collections.Immutable;
using System.Text.Json;
using IncidentActors.Errors;

namespace IncidentActors.GrpcFrontend.Webhooks;

/// <summary>
/// What makes a JSON body ambiguous or unreadable whatever it claims to be, checked before any field is read: an object
/// naming a key twice (which of the two counts differs between parsers), and text that is not valid Unicode.
/// </summary>
internal static class JsonBodyChecks
{
    /// <summary>Enough to fix a body in one go without answering a hostile one at length.</summary>
    public const int MaxViolations = 20;

    public static ImmutableArray<FieldViolation> Find(JsonElement root)
    {
        var violations = ImmutableArray.CreateBuilder<FieldViolation>();
        Walk(root, "", violations);
        return violations.ToImmutable();
    }

    private static void Walk(JsonElement element, string path, ImmutableArray<FieldViolation>.Builder violations)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var names = new HashSet<string>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject())
                {
                    if (violations.Count >= MaxViolations)
                    {
                        return;
                    }
                    if (!TryRead(() => property.Name, out var name))
                    {
                        violations.Add(new(JsonFields.Child(path, "?"), "has a key that is not valid Unicode text."));
                    }
                    else if (!names.Add(name))
                    {
                        violations.Add(new(JsonFields.Child(path, name), "is given more than once; give each key once."));
                    }
                    else
                    {
                        Walk(property.Value, JsonFields.Child(path, name), violations);
                    }
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (violations.Count >= MaxViolations)
                    {
                        return;
                    }
                    Walk(item, $"{path}[{index++}]", violations);
                }
                break;
            case JsonValueKind.String when !TryRead(element.GetString, out _):
                violations.Add(new(path, "is not valid Unicode text."));
                break;
        }
    }

    // Escaped lone surrogates and invalid UTF-8 parse, and fail only when the text is read.
    private static bool TryRead(Func<string?> read, out string text)
    {
        try
        {
            text = read() ?? "";
            return true;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return false;
        }
    }
}
