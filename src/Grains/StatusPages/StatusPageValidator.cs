using System.Collections.Immutable;
using IncidentActors.Errors;
using IncidentActors.Incidents;

namespace IncidentActors.StatusPages;

/// <summary>A page definition a reader can be served: an id usable in a URL, a title, named components that exist once.</summary>
internal static class StatusPageValidator
{
    public const int MaxIdLength = 64;
    public const int MaxTitleLength = 200;
    public const int MaxComponents = 100;

    /// <summary>Paths of the status pages' own endpoints, which a page id would be shadowed by.</summary>
    public static readonly string[] ReservedIds = ["signin", "signout", "assets"];

    public static void Validate(StatusPageDefinition page) => IncidentInput.Check(v =>
    {
        if (string.IsNullOrEmpty(page.Id))
        {
            v.Add(new("id", "is required."));
        }
        else if (page.Id.Length > MaxIdLength || !page.Id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') || !char.IsAsciiLetterOrDigit(page.Id[0]))
        {
            v.Add(new("id", $"must be 1 to {MaxIdLength} letters, digits, '-', '_' or '.', starting with a letter or digit: it is the page's URL."));
        }
        else if (ReservedIds.Contains(page.Id, StringComparer.OrdinalIgnoreCase))
        {
            v.Add(new("id", $"must not be {string.Join(", ", ReservedIds)}: those paths serve the sign-in and assets."));
        }
        Text(v, "title", page.Title, MaxTitleLength, required: true);
        Services.AlertValidator.Identifier(v, "business_unit_id", page.BusinessUnitId, required: true);
        if (!Enum.IsDefined(page.Visibility))
        {
            v.Add(new("visibility", "must be public or internal."));
        }
        var components = page.Components.IsDefault ? [] : page.Components;
        if (components.Length > MaxComponents)
        {
            v.Add(new("components", $"names {components.Length} components; at most {MaxComponents}."));
        }
        for (var i = 0; i < components.Length; i++)
        {
            Services.AlertValidator.Identifier(v, $"components[{i}].service_id", components[i].ServiceId, required: true);
            Text(v, $"components[{i}].display_name", components[i].DisplayName, MaxTitleLength, required: false);
            if (components.Take(i).Any(c => c.ServiceId == components[i].ServiceId))
            {
                v.Add(new($"components[{i}].service_id", $"names {components[i].ServiceId} a second time."));
            }
        }
    });

    private static void Text(ImmutableArray<FieldViolation>.Builder v, string field, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                v.Add(new(field, "is required."));
            }
        }
        else if (value.Length > max)
        {
            v.Add(new(field, $"is {value.Length} characters; at most {max}."));
        }
        else if (value.Any(char.IsControl))
        {
            v.Add(new(field, "must not contain control characters."));
        }
    }
}
